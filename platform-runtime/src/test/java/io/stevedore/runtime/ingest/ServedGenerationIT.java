package io.stevedore.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.testing.TestTenants;
import io.stevedore.sandbox.faults.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation ingest reports is the one it serves: a request that authenticated against an older
 * directory, still on its way to the broker, holds that generation until it has its answer, even
 * after the new directory (without its tenant) is loaded.
 */
class ServedGenerationIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path directory;

  @Test
  void aRequestInProgressKeepsTheGenerationItAuthenticatedAgainstServedUntilItIsAnswered()
      throws Exception {
    var tenants = new TestTenants(directory);
    var acme = tenants.add("acme", 100_000);
    tenants.add("globex", 100_000);
    long withAcme = tenants.generation();
    // A broker that accepts the connection and never answers: the publish hangs until its timeout.
    try (var broker = TcpProxy.neverAnswering();
        var runtime =
            RunningRuntime.start(
                Map.of(
                    "STEVEDORE_ROLE", "ingest",
                    "STEVEDORE_TENANTS_FILE", tenants.file().toString(),
                    "STEVEDORE_TENANTS_RELOADINTERVAL", "PT0.2S",
                    "STEVEDORE_BROKER_RABBITMQ_URL", "amqp://127.0.0.1:" + broker.port(),
                    "STEVEDORE_TIMEOUTS_AMQPHANDSHAKE", "PT20S",
                    "STEVEDORE_INGEST_PUBLISHTIMEOUT", "PT20S"))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> served(runtime, "generation") == withAcme);
      int port =
          Integer.parseInt(
              runtime.context.getEnvironment().getRequiredProperty("local.server.port"));

      var inFlight =
          HTTP.sendAsync(post(port, acme.apiKey()), HttpResponse.BodyHandlers.ofString());
      // Past authentication: ingest is connecting to the broker for it.
      await().atMost(Duration.ofSeconds(10)).until(() -> broker.openConnections() > 0);
      tenants.remove(acme);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> served(runtime, "loadedGeneration") == tenants.generation());
      assertThat(
              HTTP.send(post(port, acme.apiKey()), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      assertThat(served(runtime, "generation")).isEqualTo(withAcme);
      assertThat(inFlight).isNotDone();

      assertThat(inFlight.get().statusCode()).isEqualTo(503);
      assertThat(served(runtime, "generation")).isEqualTo(tenants.generation());
    }
  }

  private static long served(RunningRuntime runtime, String field) {
    return RunningRuntime.json(runtime.getFromManagementPort("/actuator/tenantdirectory"))
        .get(field)
        .asLong();
  }

  private static HttpRequest post(int port, String apiKey) {
    String body =
        """
        {"events":[{"deviceId":"truck-1","eventId":"e-1","timestamp":"%s","type":"location","payload":{"latitude":52.37,"longitude":4.89}}]}
        """
            .formatted(Instant.now().minusSeconds(5));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
