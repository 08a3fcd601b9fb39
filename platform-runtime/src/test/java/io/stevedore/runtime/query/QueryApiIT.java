package io.stevedore.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.testing.RecordTables;
import io.stevedore.runtime.testing.TestTenants;
import io.stevedore.sandbox.aws.LocalDynamoDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/** Dashboards read a device's events back: the calling tenant's only, in time order, paged. */
class QueryApiIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  private static LocalDynamoDb dynamo;
  private static TestTenants tenants;
  private static TestTenants.TestTenant acme;
  private static TestTenants.TestTenant globex;
  private static RunningRuntime runtime;

  @BeforeAll
  static void start() throws Exception {
    dynamo = LocalDynamoDb.start();
    tenants = new TestTenants(Files.createTempDirectory("tenants"));
    acme = tenants.add("acme", 100);
    globex = tenants.add("globex", 100);
    for (var tenant : tenants.all()) {
      RecordTables.create(dynamo.client(), tenant.entry().table());
    }
    // The same device id under two tenants: each must see only its own.
    for (int i = 0; i < 5; i++) {
      store(
          acme,
          "device-1",
          "e" + i,
          T0.plusMillis(i * 500L),
          i % 2 == 0 ? "location" : "temperature");
    }
    store(globex, "device-1", "g0", T0, "location");
    runtime =
        RunningRuntime.start(
            Map.of(
                "STEVEDORE_ROLE", "ingest",
                "STEVEDORE_TENANTS_FILE", tenants.file().toString(),
                "STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", dynamo.endpoint()));
  }

  @AfterAll
  static void stop() {
    runtime.close();
    dynamo.close();
  }

  @Test
  void returnsTheCallersEventsOfTheDeviceInTimeOrder() {
    JsonNode page =
        get(
            acme,
            "/v1/devices/device-1/events?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z",
            200);
    assertThat(eventIds(page)).containsExactly("e0", "e1", "e2", "e3", "e4");
    assertThat(page.at("/events/0/timestamp").asString()).isEqualTo("2026-11-20T10:00:00.000Z");
    assertThat(page.at("/events/1/payload/seq").asInt()).isEqualTo(1);
    assertThat(page.at("/next").isNull() || page.at("/next").isMissingNode()).isTrue();
  }

  @Test
  void neverReturnsAnotherTenantsEventsForTheSameDeviceId() {
    JsonNode page =
        get(
            globex,
            "/v1/devices/device-1/events?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z",
            200);
    assertThat(eventIds(page)).containsExactly("g0");
  }

  @Test
  void filtersByTypeAndTimeWindowWithToExclusive() {
    JsonNode page =
        get(
            acme,
            "/v1/devices/device-1/events?from=2026-11-20T10:00:00.500Z&to=2026-11-20T10:00:02Z&type=location",
            200);
    assertThat(eventIds(page)).containsExactly("e2");
  }

  @Test
  void pagesThroughWithTheNextCursor() {
    List<String> seen = new ArrayList<>();
    String path =
        "/v1/devices/device-1/events?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&limit=2";
    JsonNode page = get(acme, path, 200);
    seen.addAll(eventIds(page));
    while (page.hasNonNull("next")) {
      page = get(acme, path + "&cursor=" + page.get("next").asString(), 200);
      seen.addAll(eventIds(page));
    }
    assertThat(seen).containsExactly("e0", "e1", "e2", "e3", "e4");
  }

  @Test
  void badParametersAreProblemsNotServerErrors() {
    assertThat(
            get(acme, "/v1/devices/device-1/events?from=yesterday", 422)
                .at("/errors/0/pointer")
                .asString())
        .isEqualTo("/from");
    assertThat(
            get(acme, "/v1/devices/device-1/events?limit=5000", 422)
                .at("/errors/0/pointer")
                .asString())
        .isEqualTo("/limit");
    assertThat(
            get(acme, "/v1/devices/device-1/events?cursor=%25%25", 422)
                .at("/errors/0/pointer")
                .asString())
        .isEqualTo("/cursor");
  }

  @Test
  void withoutAValidKeyTheAnswerIs401() throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/v1/devices/device-1/events"))
                .header("Authorization", "Bearer not-a-key")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  private static void store(
      TestTenants.TestTenant tenant, String device, String eventId, Instant at, String type) {
    dynamo
        .client()
        .putItem(
            p ->
                p.tableName(tenant.entry().table())
                    .item(
                        Map.of(
                            RecordTable.DEVICE_ID, AttributeValue.fromS(device),
                            RecordTable.TIME_EVENT,
                                AttributeValue.fromS(RecordTable.timeEvent(at, eventId)),
                            RecordTable.EVENT_ID, AttributeValue.fromS(eventId),
                            RecordTable.TYPE, AttributeValue.fromS(type),
                            RecordTable.TIMESTAMP, AttributeValue.fromS(RecordTable.timestamp(at)),
                            RecordTable.PAYLOAD,
                                AttributeValue.fromM(
                                    Map.of("seq", AttributeValue.fromN(eventId.substring(1)))))));
  }

  private static List<String> eventIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("events").forEach(e -> ids.add(e.get("eventId").asString()));
    return ids;
  }

  private static String base() {
    return "http://127.0.0.1:"
        + runtime.context.getEnvironment().getRequiredProperty("local.server.port");
  }

  private static JsonNode get(TestTenants.TestTenant tenant, String path, int expectedStatus) {
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base() + path))
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
