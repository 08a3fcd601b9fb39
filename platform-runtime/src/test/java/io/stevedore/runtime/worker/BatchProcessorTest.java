package io.stevedore.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.contract.rules.Rule;
import io.stevedore.runtime.broker.Delivery;
import io.stevedore.runtime.config.StevedoreProperties;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.rules.TenantRules;
import io.stevedore.runtime.storage.ActivityItems;
import io.stevedore.runtime.storage.ProcessingLog;
import io.stevedore.runtime.storage.RecordWriter;
import io.stevedore.runtime.worker.outage.Dependency;
import io.stevedore.runtime.worker.outage.DependencyBreakers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * How a delivery is settled: acked only after its records and log row are written; a store's outage
 * returns it unattempted; every other failure, an Error included, goes to fail() with a reason that
 * never quotes message content.
 */
class BatchProcessorTest {
  private static final TenantDirectory.Entry TENANT =
      new TenantDirectory.Entry(
          "acme", "fleet", "tenant.fleet.acme", "t-fleet.acme", 100, 30, List.of(), false);
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final List<List<Map<String, AttributeValue>>> writes = new ArrayList<>();
  private final List<ProcessingLog.Entry> logged = new ArrayList<>();
  private List<Rule> rules = List.of();
  private Throwable writeFailure;
  private Throwable logFailure;
  private int writeCalls;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Opens after two batches found a store unavailable; probes never run within a test. */
  private final DependencyBreakers breakers =
      new DependencyBreakers(
          new StevedoreProperties.CircuitBreaker(50, 2, 2, Duration.ofHours(1), 1),
          Map.of(Dependency.DYNAMODB, () -> {}, Dependency.MYSQL, () -> {}),
          new SimpleMeterRegistry());

  private final BatchProcessor processor =
      new BatchProcessor(
          new TenantRules(null, null, null, null) {
            @Override
            public List<Rule> of(String namespace, String tenant) {
              return rules;
            }
          },
          new RecordWriter(null, 25) {
            @Override
            public void write(String table, List<Map<String, AttributeValue>> items) {
              writeCalls++;
              raise(writeFailure);
              writes.add(items);
            }
          },
          new ProcessingLog(null, "worker-0") {
            @Override
            public void record(Entry entry) {
              raise(logFailure);
              logged.add(entry);
            }
          },
          new WorkerMetrics(meters),
          breakers,
          Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterEach
  void closeBreakers() {
    breakers.close();
  }

  @Test
  void acksAfterWritingTheKeptEventsAndLoggingTheBatch() {
    rules = List.of(new Rule.Drop(Set.of("heartbeat")));
    var batch = batch(TENANT, event("e1", "location"), event("e2", "heartbeat"));
    var delivery = new RecordingDelivery(EventBatchCodec.encode(batch), 2);

    processor.process(delivery);

    assertThat(delivery.settlement).isEqualTo("ack");
    assertThat(writes).singleElement().satisfies(items -> assertThat(records(items)).hasSize(1));
    // The dashboard counts what was stored, not what the rules dropped.
    assertThat(writes.get(0))
        .filteredOn(item -> item.containsKey(ActivityItems.COUNTS))
        .singleElement()
        .satisfies(
            item -> assertThat(item.get(ActivityItems.COUNTS).m()).containsOnlyKeys("location"));
    assertThat(logged)
        .containsExactly(
            new ProcessingLog.Entry("fleet", "acme", batch.batchId(), 2, 1, 1, 0, 2, NOW));
  }

  @Test
  void recordsHowLongTheBatchWaitedSinceIngestAcceptedIt() {
    var waited =
        new EventBatch(
            "b-old", "acme", "fleet", NOW.minusSeconds(45), List.of(event("e1", "location")));
    var skewed =
        new EventBatch(
            "b-future", "acme", "fleet", NOW.plusSeconds(3), List.of(event("e2", "location")));

    processor.process(new RecordingDelivery(EventBatchCodec.encode(waited), 1));
    processor.process(new RecordingDelivery(EventBatchCodec.encode(skewed), 1));

    var wait = meters.get(WorkerMetrics.QUEUE_WAIT).tags("namespace", "fleet", "tenant", "acme");
    assertThat(wait.timer().count()).isEqualTo(2);
    assertThat(wait.timer().max(TimeUnit.SECONDS)).isEqualTo(45);
    assertThat(wait.timer().totalTime(TimeUnit.SECONDS))
        .as("the batch from the future counts as no wait")
        .isEqualTo(45);
  }

  @Test
  void writesAnEventSentTwiceInOneBatchOnce() {
    var event = event("e1", "location");
    var delivery = new RecordingDelivery(EventBatchCodec.encode(batch(TENANT, event, event)), 1);

    processor.process(delivery);

    assertThat(delivery.settlement).isEqualTo("ack");
    assertThat(writes).singleElement().satisfies(items -> assertThat(records(items)).hasSize(1));
    assertThat(writes.get(0))
        .filteredOn(item -> item.containsKey(ActivityItems.COUNTS))
        .singleElement()
        .satisfies(
            item ->
                assertThat(item.get(ActivityItems.COUNTS).m().get("location").n()).isEqualTo("1"));
  }

  @Test
  void failsAnUndecodableMessageWithoutQuotingIt() {
    var delivery =
        new RecordingDelivery(
            "{\"batchId\":\"b\",\"events\":[{\"payload\":{\"pin\": s3cret}}]}"
                .getBytes(StandardCharsets.UTF_8),
            1);

    processor.process(delivery);

    assertThat(delivery.settlement).startsWith("fail:undecodable batch:").doesNotContain("s3cret");
    assertThat(writes).isEmpty();
  }

  @Test
  void failsABatchOfAnotherTenantWithoutWritingIt() {
    var other = new TenantDirectory.Entry("other", "fleet", "q", "t", 1, 1, List.of(), false);
    var delivery =
        new RecordingDelivery(EventBatchCodec.encode(batch(other, event("e1", "location"))), 1);

    processor.process(delivery);

    assertThat(delivery.settlement).contains("unprocessable batch").contains("wrong queue");
    assertThat(writes).isEmpty();
  }

  @Test
  void failsAnEventWithoutItsKey() {
    var keyless = new DeviceEvent("dev-1", null, NOW, "location", Map.of());
    var delivery = new RecordingDelivery(EventBatchCodec.encode(batch(TENANT, keyless)), 1);

    processor.process(delivery);

    assertThat(delivery.settlement).contains("event 0 lacks deviceId, eventId or timestamp");
  }

  @Test
  void failsWhenTheWriteFailsAndLogsNothing() {
    writeFailure = ResourceNotFoundException.builder().message("no such table").build();
    var delivery =
        new RecordingDelivery(EventBatchCodec.encode(batch(TENANT, event("e1", "location"))), 1);

    processor.process(delivery);

    assertThat(delivery.settlement).isEqualTo("fail:ResourceNotFoundException: no such table");
    assertThat(logged).isEmpty();
  }

  @Test
  void failsWhenTheLogRowCannotBeWrittenSoTheBatchIsRetried() {
    logFailure = new IllegalStateException("MySQL down");
    var delivery =
        new RecordingDelivery(EventBatchCodec.encode(batch(TENANT, event("e1", "location"))), 1);

    processor.process(delivery);

    assertThat(delivery.settlement).isEqualTo("fail:IllegalStateException: MySQL down");
  }

  @Test
  void recordsADeadLetteredBatchInTheLogOnItsLastAttempt() {
    writeFailure = new IllegalStateException("still broken");
    var batch = batch(TENANT, event("e1", "location"), event("e2", "location"));
    var delivery = new RecordingDelivery(EventBatchCodec.encode(batch), TenantQueues.MAX_ATTEMPTS);

    processor.process(delivery);

    assertThat(delivery.settlement).startsWith("fail:");
    assertThat(logged)
        .containsExactly(
            new ProcessingLog.Entry(
                "fleet", "acme", batch.batchId(), 2, 0, 0, 2, TenantQueues.MAX_ATTEMPTS, NOW));
  }

  @Test
  void anErrorFailsTheBatchLikeAnyOtherFailure() {
    writeFailure = new StackOverflowError("rule recursion");

    var delivery = delivery(1);
    processor.process(delivery);

    assertThat(delivery.settlement).isEqualTo("fail:StackOverflowError: rule recursion");
  }

  @Test
  void aDynamoDbOutageReturnsTheDeliveryUnattemptedEvenOnItsLastAttempt() {
    writeFailure = SdkClientException.create("Unable to execute HTTP request: Connection refused");

    var delivery = delivery(TenantQueues.MAX_ATTEMPTS);
    processor.process(delivery);

    assertThat(delivery.settlement).isEqualTo("release");
    assertThat(logged).as("not recorded as dead-lettered").isEmpty();
  }

  @Test
  void aMySqlOutageReturnsTheDeliveryUnattempted() {
    logFailure = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");

    var delivery = delivery(TenantQueues.MAX_ATTEMPTS);
    processor.process(delivery);

    assertThat(delivery.settlement).isEqualTo("release");
  }

  @Test
  void onceTheBreakerIsOpenDeliveriesGoBackWithoutTouchingTheStore() {
    writeFailure = ApiCallTimeoutException.create(15_000);
    processor.process(delivery(1));
    processor.process(delivery(1));
    assertThat(breakers.available()).as("breaker open after two outages").isFalse();
    writeFailure = null;
    int callsBefore = writeCalls;

    var delivery = delivery(1);
    processor.process(delivery);

    assertThat(delivery.settlement).isEqualTo("release");
    assertThat(writeCalls).isEqualTo(callsBefore);
    assertThat(breakers.states())
        .containsEntry("dynamodb", "open")
        .containsEntry("mysql", "closed");
  }

  @Test
  void aBatchsOwnFailuresNeverOpenTheBreaker() {
    writeFailure = ResourceNotFoundException.builder().message("no such table").build();

    for (int i = 0; i < 5; i++) {
      processor.process(delivery(1));
    }

    assertThat(breakers.available()).isTrue();
  }

  private static RecordingDelivery delivery(int attempt) {
    return new RecordingDelivery(
        EventBatchCodec.encode(batch(TENANT, event("e1", "location"))), attempt);
  }

  private static void raise(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
  }

  private static EventBatch batch(TenantDirectory.Entry tenant, DeviceEvent... events) {
    return new EventBatch("batch-1", tenant.name(), tenant.namespace(), NOW, List.of(events));
  }

  private static DeviceEvent event(String id, String type) {
    return new DeviceEvent("dev-1", id, NOW.minusSeconds(5), type, Map.of("speed", 3));
  }

  /** A delivery that remembers how it was settled. */
  private static final class RecordingDelivery implements Delivery {
    private final byte[] body;
    private final int attempt;
    String settlement;

    RecordingDelivery(byte[] body, int attempt) {
      this.body = body;
      this.attempt = attempt;
    }

    @Override
    public TenantDirectory.Entry tenant() {
      return TENANT;
    }

    @Override
    public byte[] body() {
      return body;
    }

    @Override
    public int attempt() {
      return attempt;
    }

    @Override
    public void ack() {
      settle("ack");
    }

    @Override
    public void fail(String reason) {
      settle("fail:" + reason);
    }

    @Override
    public void release() {
      settle("release");
    }

    private void settle(String how) {
      assertThat(settlement).as("settled once").isNull();
      settlement = how;
    }
  }

  /** The event records among written items (the dashboard's index items aside). */
  private static List<Map<String, AttributeValue>> records(
      List<Map<String, AttributeValue>> items) {
    return items.stream()
        .filter(item -> !RecordTable.reservedDevice(item.get(RecordTable.DEVICE_ID).s()))
        .toList();
  }
}
