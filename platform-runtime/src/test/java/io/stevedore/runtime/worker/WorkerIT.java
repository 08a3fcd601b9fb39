package io.stevedore.runtime.worker;

import static io.stevedore.runtime.testing.TestBatches.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runtime in role worker on real RabbitMQ, DynamoDB Local and MariaDB: batches on a tenant's
 * queue end up in the tenant's table with its valid rules applied and in the processing log,
 * exactly once; bad messages are retried and dead-lettered with the reason; tenants and rules
 * change without a restart.
 */
class WorkerIT {
  private static final Duration RULES_TTL = Duration.ofMillis(300);
  private static final String DEPOT =
      "{\"geofence\":{\"types\":[\"location\"],\"name\":\"depot\",\"latitude\":52.37,"
          + "\"longitude\":4.89,\"radiusMeters\":500,\"tag\":\"zone\"}}";

  private static WorkerTestPlatform platform;
  private static ConfigurableApplicationContext worker;

  @BeforeAll
  static void startWorker() {
    platform = WorkerTestPlatform.start();
    platform.addTenant("first");
    worker = platform.startWorker(Map.of("STEVEDORE_WORKER_RULESTTL", RULES_TTL.toString()));
  }

  @AfterAll
  static void stopWorker() {
    platform.close();
  }

  @Test
  void storesBatchesInTheTenantsTableWithItsRulesApplied() {
    TestTenant tenant = platform.tenants.all().get(0);
    platform.addRule(tenant, 1, "{\"drop\":{\"types\":[\"heartbeat\"]}}");
    platform.addRule(tenant, 2, "{\"rename\":{\"from\":\"temp\",\"to\":\"temperature\"}}");
    platform.addRule(tenant, 3, DEPOT);
    platform.addRule(tenant, 4, "{\"geofence\":{\"name\":\"typo\",\"radius\":5}}");
    DeviceEvent inDepot =
        event("truck-1", "location", Map.of("latitude", 52.3701, "longitude", 4.8901));
    DeviceEvent onRoad = event("truck-1", "location", Map.of("latitude", 52.40, "longitude", 4.95));
    DeviceEvent temperature = event("fridge-1", "temperature", Map.of("temp", 3.5, "unit", "C"));
    DeviceEvent heartbeat = event("truck-1", "heartbeat", Map.of());
    EventBatch batch =
        TestBatches.batch(tenant.entry(), List.of(inDepot, onRoad, temperature, heartbeat));
    EventBatch second = TestBatches.batch(tenant.entry(), TestBatches.locations(0, 50));

    platform.broker.publish(
        tenant.entry().queue(),
        List.of(EventBatchCodec.encode(batch), EventBatchCodec.encode(second)),
        Map.of());

    await().until(() -> platform.processingLog(tenant).size() == 2);
    assertThat(platform.itemCount(tenant)).isEqualTo(3 + 50);
    assertThat(
            worker
                .getBean(MeterRegistry.class)
                .get("stevedore.worker.rules.invalid")
                .tags("tenant", tenant.name())
                .counter()
                .count())
        .as("the invalid rule, reported and skipped")
        .isPositive();
    assertThat(item(tenant, heartbeat)).isEmpty();
    assertThat(item(tenant, inDepot).orElseThrow().get(RecordTable.PAYLOAD).m())
        .containsEntry("zone", AttributeValue.fromS("depot"));
    assertThat(item(tenant, onRoad).orElseThrow().get(RecordTable.PAYLOAD).m())
        .doesNotContainKey("zone");
    var stored = item(tenant, temperature).orElseThrow();
    assertThat(stored.get(RecordTable.PAYLOAD).m())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("temperature", AttributeValue.fromN("3.5"), "unit", AttributeValue.fromS("C")));
    String timestamp = RecordTable.timestamp(temperature.timestamp());
    assertThat(stored)
        .containsEntry(RecordTable.DEVICE_ID, AttributeValue.fromS("fridge-1"))
        .containsEntry(
            RecordTable.TIME_EVENT,
            AttributeValue.fromS(RecordTable.timeEvent(timestamp, temperature.eventId())))
        .containsEntry(RecordTable.EVENT_ID, AttributeValue.fromS(temperature.eventId()))
        .containsEntry(RecordTable.TYPE, AttributeValue.fromS("temperature"))
        .containsEntry(RecordTable.TIMESTAMP, AttributeValue.fromS(timestamp))
        .containsEntry(
            RecordTable.RECEIVED_AT,
            AttributeValue.fromS(RecordTable.timestamp(batch.receivedAt())))
        .containsEntry(
            RecordTable.EXPIRES_AT,
            AttributeValue.fromN(
                Long.toString(temperature.timestamp().plus(Duration.ofDays(30)).getEpochSecond())));
    assertThat(platform.processingLog(tenant))
        .filteredOn(row -> row.get("batch_id").equals(batch.batchId()))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("received", 4)
                    .containsEntry("stored", 3)
                    .containsEntry("dropped", 1)
                    .containsEntry("dead_lettered", 0)
                    .containsEntry("attempts", 1));
  }

  @Test
  void aRedeliveredBatchLeavesNoDuplicateItemsOrLogRows() {
    TestTenant tenant = platform.addTenant("redelivered");
    byte[] batch = TestBatches.encoded(tenant.entry(), TestBatches.locations(0, 120));

    platform.broker.publish(tenant.entry().queue(), List.of(batch, batch), Map.of());

    await().until(() -> eventsCounted(tenant, "stored") == 240);
    assertThat(platform.itemCount(tenant)).isEqualTo(120);
    assertThat(platform.processingLog(tenant)).singleElement();
  }

  @Test
  void anUndecodableMessageIsRetriedThenDeadLetteredWithTheReason() {
    TestTenant tenant = platform.addTenant("undecodable");
    byte[] garbage = "{\"batchId\": oops".getBytes(StandardCharsets.UTF_8);

    platform.broker.publish(tenant.entry().queue(), garbage);
    platform.broker.publish(
        tenant.entry().queue(),
        List.of(garbage),
        Map.of(TenantQueues.ATTEMPTS_HEADER, TenantQueues.MAX_ATTEMPTS));

    assertRetriedTwiceThenWaiting(tenant, "undecodable batch");
    assertDeadLettered(tenant, "undecodable batch");
  }

  @Test
  void aBatchWhoseTableDoesNotExistIsRetriedThenDeadLetteredWithTheReason() {
    TestTenant tenant = platform.addTenantWithoutTable("tableless");
    EventBatch batch = TestBatches.batch(tenant.entry(), TestBatches.locations(0, 10));

    platform.broker.publish(tenant.entry().queue(), EventBatchCodec.encode(batch));
    platform.broker.publish(
        tenant.entry().queue(),
        List.of(EventBatchCodec.encode(batch)),
        Map.of(TenantQueues.ATTEMPTS_HEADER, TenantQueues.MAX_ATTEMPTS));

    assertRetriedTwiceThenWaiting(tenant, "ResourceNotFoundException");
    assertDeadLettered(tenant, "ResourceNotFoundException");
    assertThat(platform.processingLog(tenant))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("batch_id", batch.batchId())
                    .containsEntry("stored", 0)
                    .containsEntry("dead_lettered", 10)
                    .containsEntry("attempts", TenantQueues.MAX_ATTEMPTS));
  }

  @Test
  void aTenantAddedToTheDirectoryIsConsumedWithoutRestart() {
    TestTenant tenant = platform.addTenant("latecomer");

    platform.broker.publish(
        tenant.entry().queue(), TestBatches.encoded(tenant.entry(), TestBatches.locations(0, 7)));

    await().until(() -> platform.processingLog(tenant).size() == 1);
    assertThat(platform.itemCount(tenant)).isEqualTo(7);
  }

  @Test
  void aChangedRuleAppliesWithoutRestart() {
    TestTenant tenant = platform.addTenant("changing");
    platform.addRule(tenant, 1, "{\"drop\":{\"types\":[\"location\"]}}");
    platform.broker.publish(
        tenant.entry().queue(), TestBatches.encoded(tenant.entry(), TestBatches.locations(0, 5)));
    await().until(() -> eventsCounted(tenant, "dropped") == 5);

    platform.addRule(tenant, 1, "{\"drop\":{\"types\":[\"heartbeat\"]}}");
    await("the cached rules expire").pollDelay(RULES_TTL).until(() -> true);
    platform.broker.publish(
        tenant.entry().queue(), TestBatches.encoded(tenant.entry(), TestBatches.locations(5, 5)));

    await().until(() -> eventsCounted(tenant, "stored") == 5);
    assertThat(platform.itemCount(tenant)).isEqualTo(5);
  }

  @Test
  void reportsInFlightProcessedBusyTimeAndMetricsOnTheManagementPort() throws Exception {
    TestTenant tenant = platform.addTenant("counted");
    long before =
        JsonMapper.shared().readTree(management("/actuator/inflight")).get("processed").asLong();
    platform.broker.publish(
        tenant.entry().queue(), TestBatches.encoded(tenant.entry(), TestBatches.locations(0, 3)));

    await()
        .untilAsserted(
            () -> {
              var inflight = JsonMapper.shared().readTree(management("/actuator/inflight"));
              assertThat(inflight.get("inFlight").asInt()).isZero();
              assertThat(inflight.get("draining").asBoolean()).isFalse();
              assertThat(inflight.get("processed").asLong()).isGreaterThan(before);
              assertThat(inflight.get("busySeconds").asDouble()).isPositive();
            });

    String metrics = management("/actuator/prometheus");
    assertThat(metrics)
        .contains("stevedore_worker_inflight")
        .contains("stevedore_worker_events_total{")
        .contains("stevedore_worker_batch_latency_seconds_count{")
        .containsPattern(
            "stevedore_worker_queue_wait_seconds_bucket\\{[^}]*tenant=\""
                + tenant.entry().name()
                + "\"[^}]*le=\"60.0\"} 1");
  }

  /** The message went 1 s queue → main → 10 s queue, where it now waits as attempt 3. */
  private void assertRetriedTwiceThenWaiting(TestTenant tenant, String reason) {
    String tenSeconds = tenant.queues().retries().get(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> platform.broker.ready(tenSeconds) == 1);
    var waiting = platform.broker.take(tenSeconds);
    assertThat(waiting.getProps().getHeaders()).containsEntry(TenantQueues.ATTEMPTS_HEADER, 3);
    assertThat(waiting.getProps().getHeaders().get(TenantQueues.FAILURE_HEADER).toString())
        .contains(reason);
  }

  private void assertDeadLettered(TestTenant tenant, String reason) {
    String deadLetter = tenant.queues().deadLetter();
    await().until(() -> platform.broker.ready(deadLetter) == 1);
    var dead = platform.broker.take(deadLetter);
    assertThat(dead.getProps().getHeaders())
        .containsEntry(TenantQueues.ATTEMPTS_HEADER, TenantQueues.MAX_ATTEMPTS);
    assertThat(dead.getProps().getHeaders().get(TenantQueues.FAILURE_HEADER).toString())
        .contains(reason);
    assertThat(platform.broker.ready(tenant.entry().queue())).isZero();
  }

  private static Optional<Map<String, AttributeValue>> item(TestTenant tenant, DeviceEvent event) {
    return platform.items(tenant).stream()
        .filter(item -> item.get(RecordTable.EVENT_ID).s().equals(event.eventId()))
        .findFirst();
  }

  private static double eventsCounted(TestTenant tenant, String outcome) {
    Counter counter =
        worker
            .getBean(MeterRegistry.class)
            .find("stevedore.worker.events")
            .tags("tenant", tenant.name(), "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static String management(String path) throws IOException, InterruptedException {
    String port = worker.getEnvironment().getRequiredProperty("local.management.port");
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
