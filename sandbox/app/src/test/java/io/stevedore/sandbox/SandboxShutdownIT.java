package io.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox ends cleanly however it is stopped: run as a user runs it (a JVM of its own, with
 * platform pods), a signal stops its pods and removes its vhost, database, work directory and run
 * record; after a SIGKILL, which nothing can catch, the next run removes what the killed one left.
 */
class SandboxShutdownIT {
  private static final Duration SHUTDOWN = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path directory;

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "HUP", "INT"})
  void aSignalStopsThePodsAndRemovesWhatTheRunMade(String signal) throws Exception {
    try (var sandbox = SandboxProcess.start(directory)) {
      RunRecord run = sandbox.awaitPods();
      assertThat(databaseExists(run.database())).isTrue();
      await()
          .atMost(SHUTDOWN)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> brokerUsersOf(run.vhost()) > 0);

      sandbox.signal(signal);
      sandbox.awaitExit(SHUTDOWN);

      assertThat(run.pods()).isNotEmpty().allSatisfy(pod -> assertThat(pod.running()).isEmpty());
      assertThat(vhostExists(run.vhost())).isFalse();
      assertThat(brokerUsersOf(run.vhost())).isZero();
      assertThat(databaseExists(run.database())).isFalse();
      assertThat(run.workDirectory()).doesNotExist();
      assertThat(run.file()).doesNotExist();
    }
  }

  @Test
  void theRunAfterOneKilledWithSigkillRemovesWhatTheKilledOneLeft() throws Exception {
    RunRecord killed;
    try (var sandbox = SandboxProcess.start(directory)) {
      killed = sandbox.awaitPods();
      sandbox.signal("KILL");
      sandbox.awaitExit(SHUTDOWN);
    }
    assertThat(killed.pods()).anySatisfy(pod -> assertThat(pod.running()).isPresent());
    assertThat(vhostExists(killed.vhost())).isTrue();
    assertThat(databaseExists(killed.database())).isTrue();
    assertThat(killed.file()).exists();

    try (var next = SandboxProcess.start(directory, "--simulated")) {
      await()
          .atMost(SHUTDOWN)
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                assertThat(killed.file()).doesNotExist();
                assertThat(killed.pods()).allSatisfy(pod -> assertThat(pod.running()).isEmpty());
                assertThat(vhostExists(killed.vhost())).isFalse();
                assertThat(databaseExists(killed.database())).isFalse();
                assertThat(killed.workDirectory()).doesNotExist();
              });
      assertThat(next.isAlive()).isTrue();
    }
    assertThat(Files.readString(directory.resolve("sandbox.log")))
        .contains("Removed what an earlier sandbox run (PID");
  }

  private static boolean vhostExists(String vhost) throws Exception {
    var response = management("/api/vhosts/" + URLEncoder.encode(vhost, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isIn(200, 404);
    return response.statusCode() == 200;
  }

  /** The tenants' broker users, which the operator names after the vhost. */
  private static long brokerUsersOf(String vhost) throws Exception {
    var users = Serialization.jsonMapper().readTree(management("/api/users").body());
    return StreamSupport.stream(users.spliterator(), false)
        .filter(user -> user.path("name").asText().startsWith(vhost + "/"))
        .count();
  }

  private static HttpResponse<String> management(String path) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(SandboxPlatform.MANAGEMENT + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static boolean databaseExists(String database) throws Exception {
    try (var connection =
            DriverManager.getConnection(
                SandboxPlatform.MYSQL_SERVER,
                SandboxPlatform.MYSQL_USER,
                SandboxPlatform.MYSQL_PASSWORD);
        var query = connection.prepareStatement("SHOW DATABASES LIKE ?")) {
      query.setString(1, database);
      try (var result = query.executeQuery()) {
        return result.next();
      }
    }
  }
}
