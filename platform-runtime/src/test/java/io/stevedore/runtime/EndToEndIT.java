package io.stevedore.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.runtime.testing.TenantSqsQueues;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import io.stevedore.sandbox.aws.LocalSqs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The whole data path on real components: device events POSTed for two tenants reach their queues,
 * workers apply each tenant's rules and store them, and the query API returns exactly the processed
 * records to each tenant, and nothing of the other's.
 */
class EndToEndIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant NOW = Instant.now().minusSeconds(60);

  @Test
  void twoTenantsEventsAreProcessedByTheirRulesAndReadBackWithoutLeakageOverRabbitMq() {
    try (var platform = WorkerTestPlatform.start()) {
      var acme = platform.addTenant("acme");
      var globex = platform.addTenant("globex");
      run(platform, acme, globex, Map.of());
    }
  }

  @Test
  void theSameHoldsWithSqsAsTheBroker() {
    try (var platform = WorkerTestPlatform.start();
        var sqs = LocalSqs.start()) {
      var acme = platform.addTenant("acme");
      var globex = platform.addTenant("globex");
      TenantSqsQueues.create(sqs.client(), acme.sqsQueues());
      TenantSqsQueues.create(sqs.client(), globex.sqsQueues());
      run(
          platform,
          acme,
          globex,
          Map.of(
              "STEVEDORE_BROKER_TYPE", "sqs",
              "STEVEDORE_BROKER_SQS_REGION", "eu-west-1",
              "STEVEDORE_BROKER_SQS_ENDPOINT", sqs.endpoint()));
    }
  }

  private void run(
      WorkerTestPlatform platform, TestTenant acme, TestTenant globex, Map<String, String> broker) {
    var worker = platform.startWorker(broker);
    // Flyway has run once a runtime started: acme drops heartbeats and tags its depot.
    platform.addRule(acme, 1, "{\"drop\":{\"types\":[\"heartbeat\"]}}");
    platform.addRule(
        acme,
        2,
        "{\"geofence\":{\"types\":[\"location\"],\"name\":\"depot\",\"latitude\":52.37,\"longitude\":4.89,\"radiusMeters\":500,\"tag\":\"zone\"}}");
    var ingest = platform.startIngest(broker);
    int port = port(ingest);

    assertThat(
            post(
                    port,
                    acme,
                    List.of(
                        event("e1", "location", 52.3701, 4.8901),
                        event("e2", "heartbeat", 0, 0),
                        event("e3", "location", 40.0, -3.7)))
                .statusCode())
        .isEqualTo(202);
    // The same device id under the other tenant, with no rules.
    assertThat(
            post(
                    port,
                    globex,
                    List.of(event("g1", "heartbeat", 0, 0), event("g2", "location", 52.37, 4.89)))
                .statusCode())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(platform.itemCount(acme)).isEqualTo(2);
              assertThat(platform.itemCount(globex)).isEqualTo(2);
            });
    JsonNode acmePage = query(port, acme);
    assertThat(eventIds(acmePage)).containsExactly("e1", "e3");
    assertThat(acmePage.at("/events/0/payload/zone").asString()).isEqualTo("depot");
    assertThat(acmePage.at("/events/1/payload/zone").isMissingNode()).isTrue();
    JsonNode globexPage = query(port, globex);
    assertThat(eventIds(globexPage)).containsExactly("g1", "g2");
    assertThat(globexPage.at("/events/1/payload/zone").isMissingNode()).isTrue();
    assertThat(platform.processingLog(acme))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("stored")).isEqualTo(2);
              assertThat(row.get("dropped")).isEqualTo(1);
            });
    worker.close();
  }

  private static String event(String id, String type, double latitude, double longitude) {
    return """
        {"deviceId":"truck-7","eventId":"%s","timestamp":"%s","type":"%s","payload":{"latitude":%s,"longitude":%s}}"""
        .formatted(id, NOW.plusSeconds(id.charAt(1) - '0'), type, latitude, longitude);
  }

  private static HttpResponse<String> post(int port, TestTenant tenant, List<String> events) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
            .header("Authorization", "Bearer " + tenant.apiKey())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"events\":[" + String.join(",", events) + "]}"))
            .build());
  }

  private static JsonNode query(int port, TestTenant tenant) {
    var response =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/v1/devices/truck-7/events?from="
                            + NOW.minusSeconds(3600)))
                .header("Authorization", "Bearer " + tenant.apiKey())
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningRuntime.json(response);
  }

  private static List<String> eventIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("events").forEach(e -> ids.add(e.get("eventId").asString()));
    return ids;
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
