package io.stevedore.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Weighted fair consumption on the real broker: one worker thread, a tenant with a deep backlog and
 * two quiet ones (weights 3 and 1). The processing log's order (its ids) shows who was served when:
 * the quiet tenants get their weighted turns while the flood is still far from done.
 */
class FairConsumptionIT {
  private static final int FLOOD = 300;
  private static final int GOLD = 60;
  private static final int BASIC = 20;
  // Deliveries the worker may take before every consumer has its first messages in.
  private static final int START_SLACK = 6;

  @Test
  void quietTenantsAreServedByWeightWhileAnotherFloodsTheWorker() {
    try (var platform = WorkerTestPlatform.start()) {
      TestTenant flood = platform.addTenant("flood", 1);
      TestTenant gold = platform.addTenant("gold", 3);
      TestTenant basic = platform.addTenant("basic", 1);
      publish(platform, flood, FLOOD);
      publish(platform, gold, GOLD);
      publish(platform, basic, BASIC);

      platform.startWorker(Map.of("STEVEDORE_WORKER_CONCURRENCY", "1"));
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  platform.processingLog(gold).size() == GOLD
                      && platform.processingLog(basic).size() == BASIC);

      List<String> order =
          platform
              .jdbc()
              .queryForList(
                  "SELECT tenant FROM processing_log WHERE namespace = ? ORDER BY id",
                  String.class,
                  platform.tenants.namespace());
      // Per turn: flood 1, gold 3, basic 1; BASIC turns serve both quiet tenants entirely.
      int turns = BASIC;
      int fairWindow = turns * (1 + 3 + 1);
      assertThat(order.lastIndexOf("gold"))
          .as("gold's last batch")
          .isLessThan(fairWindow + START_SLACK);
      assertThat(order.lastIndexOf("basic"))
          .as("basic's last batch")
          .isLessThan(fairWindow + START_SLACK);
      Map<String, Long> firstWindow = counts(order.subList(0, fairWindow));
      assertThat(firstWindow.getOrDefault("flood", 0L))
          .as("flood's share of the first %d batches", fairWindow)
          .isBetween((long) turns - START_SLACK, (long) turns + START_SLACK);
      assertThat(order.size()).as("the flood was still going on").isLessThan(FLOOD + GOLD + BASIC);
    }
  }

  private static void publish(WorkerTestPlatform platform, TestTenant tenant, int batches) {
    platform.broker.publish(
        tenant.entry().queue(),
        TestBatches.encodedBatches(tenant.entry(), TestBatches.locations(0, batches * 5), 5),
        Map.of());
  }

  private static Map<String, Long> counts(List<String> tenants) {
    return tenants.stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
