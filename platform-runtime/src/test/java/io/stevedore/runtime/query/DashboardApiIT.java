package io.stevedore.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's API on what a real worker stored in DynamoDB Local from RabbitMQ: devices, counts
 * per minute and type (each event once, though its batch came three times), the latest events, the
 * queue's depths, all paged by opaque cursors and for the key's tenant only.
 */
class DashboardApiIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
  private static final String RANGE = "?from=" + START + "&to=" + START.plusSeconds(300);

  private static WorkerTestPlatform platform;
  private static TestTenant acme;
  private static TestTenant globex;
  private static int port;

  @BeforeAll
  static void start() {
    platform = WorkerTestPlatform.start();
    acme = platform.addTenant("acme");
    globex = platform.addTenant("globex");
    var worker = platform.startWorker(Map.of());
    DashboardData.store(platform, worker, acme, globex, START);
    ConfigurableApplicationContext ingest = platform.startIngest(Map.of());
    port = Integer.parseInt(ingest.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void countsEachStoredEventOncePerMinuteAndTypeThoughItsBatchCameThreeTimes() {
    JsonNode counts = get(acme, "/v1/dashboard/counts" + RANGE, 200);

    assertThat(longs(counts.get("minutes")))
        .containsExactly(
            START.getEpochSecond(),
            START.getEpochSecond() + 60,
            START.getEpochSecond() + 120,
            START.getEpochSecond() + 180,
            START.getEpochSecond() + 240);
    assertThat(longs(counts.at("/counts/location"))).containsExactly(1L, 1L, 1L, 0L, 0L);
    assertThat(longs(counts.at("/counts/temperature"))).containsExactly(1L, 1L, 0L, 0L, 0L);
    assertThat(counts.get("counts").propertyNames()).containsExactly("location", "temperature");
  }

  @Test
  void listsTheTenantsDevicesPagedByAnOpaqueCursor() {
    JsonNode first = get(acme, "/v1/dashboard/devices?limit=2", 200);
    JsonNode second =
        get(acme, "/v1/dashboard/devices?limit=2&cursor=" + first.get("next").asString(), 200);

    assertThat(texts(first.get("devices"), "deviceId")).containsExactly("truck-1", "truck-2");
    assertThat(first.at("/devices/0/lastEventAt").asString()).isEqualTo("2026-11-20T10:00:20.000Z");
    assertThat(texts(second.get("devices"), "deviceId")).containsExactly("truck-3");
    assertThat(second.get("next").isNull()).isTrue();
  }

  @Test
  void pagesThroughTheLatestEventsNewestFirstWithoutGapsOrRepeats() {
    List<String> seen = new ArrayList<>();
    String path = "/v1/dashboard/events" + RANGE + "&limit=2";
    JsonNode page = get(acme, path, 200);
    seen.addAll(texts(page.get("events"), "eventId"));
    while (!page.get("next").isNull()) {
      page = get(acme, path + "&cursor=" + page.get("next").asString(), 200);
      seen.addAll(texts(page.get("events"), "eventId"));
    }

    assertThat(seen).containsExactlyElementsOf(DashboardData.ACME_NEWEST_FIRST);
    JsonNode newest = get(acme, "/v1/dashboard/events" + RANGE + "&limit=1", 200);
    assertThat(newest.at("/events/0/deviceId").asString()).isEqualTo("truck-3");
    assertThat(newest.at("/events/0/payload/seq").asInt()).isEqualTo(5);
  }

  @Test
  void showsTheBacklogWaitingForARetryAndTheDeadLetters() {
    platform.broker.publish(acme.queues().deadLetter(), "{}".getBytes());
    platform.broker.publish(acme.queues().retries().get(2), "{}".getBytes());

    JsonNode queue = get(acme, "/v1/dashboard/queue", 200);

    assertThat(queue.get("deadLettered").asLong()).isEqualTo(1);
    assertThat(queue.get("delayed").asLong()).isEqualTo(1);
    assertThat(queue.get("ready").asLong()).isZero();
    assertThat(get(globex, "/v1/dashboard/queue", 200).get("deadLettered").asLong()).isZero();
  }

  @Test
  void rangesLongerThanADayAre400ProblemsAndBadCursors422() {
    String tooLong = "?from=" + START + "&to=" + START.plus(Duration.ofHours(25));
    for (String endpoint : List.of("/v1/dashboard/counts", "/v1/dashboard/events")) {
      JsonNode problem = get(acme, endpoint + tooLong, 400);
      assertThat(problem.get("type").asString())
          .isEqualTo("https://stevedore.io/problems/range-too-large");
    }
    assertThat(
            get(acme, "/v1/dashboard/events?cursor=%25%25", 422).at("/errors/0/pointer").asString())
        .isEqualTo("/cursor");
    assertThat(get(acme, "/v1/dashboard/devices?limit=0", 422).at("/errors/0/pointer").asString())
        .isEqualTo("/limit");
  }

  @Test
  void anotherTenantSeesOnlyItsOwnThoughItHasADeviceOfTheSameId() {
    JsonNode devices = get(globex, "/v1/dashboard/devices", 200);
    JsonNode events = get(globex, "/v1/dashboard/events" + RANGE, 200);
    JsonNode counts = get(globex, "/v1/dashboard/counts" + RANGE, 200);

    assertThat(texts(devices.get("devices"), "deviceId")).containsExactly("truck-1");
    assertThat(devices.at("/devices/0/lastEventAt").asString())
        .isEqualTo("2026-11-20T10:00:15.000Z");
    assertThat(texts(events.get("events"), "eventId")).containsExactly("g1");
    assertThat(longs(counts.at("/counts/location"))).containsExactly(1L, 0L, 0L, 0L, 0L);
    assertThat(counts.get("counts").propertyNames()).containsExactly("location");
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.get(field).asString()));
    return values;
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asLong()));
    return values;
  }

  private static JsonNode get(TestTenant tenant, String path, int expectedStatus) {
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Authorization", "Bearer " + tenant.apiKey())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
      return RunningRuntime.json(response);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
