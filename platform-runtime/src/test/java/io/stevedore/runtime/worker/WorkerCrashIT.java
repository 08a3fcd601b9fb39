package io.stevedore.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.broker.rabbit.RabbitQueueConsumers;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** No loss, no duplicates: a worker that crashes mid-stream leaves nothing lost or doubled. */
class WorkerCrashIT {
  private static final int EVENTS = 4_000;
  private static final int BATCH_SIZE = 20;

  @Test
  void everyEventIsStoredExactlyOnceAfterAWorkerCrashesMidStream() {
    try (var platform = WorkerTestPlatform.start()) {
      TestTenant tenant = platform.addTenant("fleet");
      String queue = tenant.entry().queue();
      List<DeviceEvent> events = TestBatches.locations(0, EVENTS);
      List<byte[]> batches = TestBatches.encodedBatches(tenant.entry(), events, BATCH_SIZE);
      platform.broker.publish(queue, batches, Map.of());

      var crashing = platform.startWorker(Map.of("STEVEDORE_WORKER_CONCURRENCY", "2"));
      await().pollInterval(Duration.ofMillis(5)).until(() -> batchesLogged(platform, tenant) >= 5);
      // A crash, not a drain: the connection drops with deliveries unsettled, whatever the
      // threads still do; their acks go nowhere and the broker redelivers.
      crashing.getBean(RabbitQueueConsumers.class).abort();
      int loggedAtCrash = batchesLogged(platform, tenant);
      crashing.close();
      assertThat(loggedAtCrash).as("batches done when it crashed").isLessThan(batches.size());
      assertThat(platform.itemCount(tenant)).as("stored before restart").isLessThan(EVENTS);

      var restarted = platform.startWorker(Map.of());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> batchesLogged(platform, tenant) == batches.size());
      await().until(() -> restarted.getBean(QueueWorker.class).inFlight() == 0);

      var storedIds =
          platform.items(tenant).stream()
              .map(item -> item.get(RecordTable.EVENT_ID).s())
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(storedIds).hasSize(EVENTS).allSatisfy((id, copies) -> assertThat(copies).isOne());
      assertThat(storedIds.keySet())
          .containsExactlyInAnyOrderElementsOf(events.stream().map(DeviceEvent::eventId).toList());
      restarted.close();
      assertThat(platform.broker.ready(queue)).as("left in the queue").isZero();
    }
  }

  private static int batchesLogged(WorkerTestPlatform platform, TestTenant tenant) {
    return platform
        .jdbc()
        .queryForObject(
            "SELECT COUNT(*) FROM processing_log WHERE namespace = ? AND tenant = ?",
            Integer.class,
            tenant.entry().namespace(),
            tenant.name());
  }
}
