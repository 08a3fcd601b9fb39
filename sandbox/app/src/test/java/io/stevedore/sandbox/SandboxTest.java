package io.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.operator.api.RepositoryPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `stevedore sandbox --once`: the examples in crds/examples, pointed at this machine's services,
 * all become Ready with the platform running as local processes, and it says so; the "Try it"
 * block's curl lines, sent as printed, post an event and read it back, on the RabbitMQ and on the
 * SQS (ElasticMQ in the sandbox's process) Environment, and its dashboard addresses serve the page.
 */
class SandboxTest {

  @Test
  void onceExitsZeroWithEveryExampleReadyInTheTable() throws Exception {
    var captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    List<String> readBack = new ArrayList<>();
    List<String> dashboards = new ArrayList<>();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          Sandbox.run(
              new String[] {
                "--once",
                "--timeout",
                "360",
                "--runtime-jar",
                RepositoryPaths.root()
                    .resolve("platform-runtime/target/stevedore-platform-runtime.jar")
                    .toString()
              },
              () -> {
                String printed = captured.toString(StandardCharsets.UTF_8);
                readBack.addAll(tryEveryPrintedPair(printed));
                dashboards.addAll(openEveryPrintedDashboard(printed));
              });
    } finally {
      System.setOut(original);
    }
    String table = captured.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(table).isZero();
    assertThat(table)
        .contains("platform-runtime processes run by the local kubelet")
        .contains("All 9 example resources Ready")
        .containsPattern("Environment\\s+staging-sqs\\s+True\\s+Available")
        .containsPattern("WorkerPool\\s+sqs\\s+True")
        .containsPattern("Tenant\\s+umbrella\\s+True")
        .containsPattern("Environment\\s+staging\\s+True\\s+Available")
        .containsPattern("WorkerPool\\s+standard\\s+True")
        .containsPattern("WorkerPool\\s+premium\\s+True")
        .containsPattern("Tenant\\s+acme\\s+True")
        .containsPattern("Tenant\\s+globex\\s+True")
        .containsPattern("Tenant\\s+initech\\s+True")
        .containsPattern("Secret\\s+tenant-acme\\s+api key")
        .containsPattern("Secret\\s+staging-tenants\\s+tenant directory")
        .containsPattern("ConfigMap\\s+standard-tenants\\s+1 keys")
        .contains("Try it")
        .containsPattern("Environment staging \\(RabbitMQ\\), tenant acme")
        .containsPattern("Environment staging-sqs \\(SQS\\), tenant umbrella");
    // One event posted and read back on each Environment: through RabbitMQ, and through SQS.
    assertThat(readBack)
        .hasSize(2)
        .anySatisfy(id -> assertThat(id).startsWith("try-it-staging-sqs-"));
    assertThat(dashboards).hasSize(2);
  }

  /** Opens each printed dashboard address: the page, under its Content Security Policy. */
  private static List<String> openEveryPrintedDashboard(String printed) {
    List<String> opened = new ArrayList<>();
    var lines = Pattern.compile("  Dashboard: (\\S+)").matcher(printed);
    while (lines.find()) {
      HttpResponse<String> page;
      try {
        page =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(lines.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("GET " + lines.group(1) + " failed", e);
      }
      assertThat(page.statusCode()).as(lines.group(1)).isEqualTo(200);
      assertThat(page.body()).contains("<title>Stevedore dashboard</title>");
      assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
      opened.add(lines.group(1));
    }
    return opened;
  }

  /**
   * Sends each printed post until ingest accepts it (the tenant directory reaches the pods through
   * a refreshed volume), then the printed read-back until the event is stored; returns the ids.
   */
  private static List<String> tryEveryPrintedPair(String printed) {
    var curls = PrintedCurl.in(printed);
    assertThat(curls).isNotEmpty().hasSize(curls.size() / 2 * 2);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < curls.size(); i += 2) {
      var post = curls.get(i);
      var read = curls.get(i + 1);
      assertThat(post.method()).isEqualTo("POST");
      var id = Pattern.compile("\"eventId\":\"([^\"]+)\"").matcher(post.body());
      assertThat(id.find()).as(post.body()).isTrue();
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(post.send().statusCode()).isEqualTo(202));
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                var page = read.send();
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("\"eventId\":\"" + id.group(1) + "\"");
              });
      ids.add(id.group(1));
    }
    return ids;
  }

  @Test
  void unknownOptionIsAUsageError() throws Exception {
    assertThat(Sandbox.run(new String[] {"--bogus"})).isEqualTo(2);
  }
}
