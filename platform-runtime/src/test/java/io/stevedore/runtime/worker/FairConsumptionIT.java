package io.stevedore.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.runtime.broker.sqs.SqsEventPublisher;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.testing.TenantSqsQueues;
import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import io.stevedore.sandbox.aws.LocalSqs;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Weighted fair consumption on a real broker (RabbitMQ, and SQS on ElasticMQ): one worker thread, a
 * tenant with a deep backlog and two quiet ones (weights 3 and 1). The processing log's order (its
 * ids) shows who was served when: the quiet tenants get their weighted turns while the flood is
 * still far from done.
 */
class FairConsumptionIT {
  private static final int FLOOD = 300;
  private static final int GOLD = 60;
  private static final int BASIC = 20;
  // Deliveries the worker may take before every consumer has its first messages in.
  private static final int START_SLACK = 6;

  /** A broker's way to take a tenant's messages (its queues already declared on RabbitMQ). */
  private interface Broker {
    void publish(TestTenant tenant, byte[] body);
  }

  @Test
  void quietTenantsAreServedByWeightWhileAnotherFloodsTheWorker() {
    try (var platform = WorkerTestPlatform.start()) {
      assertServedByWeight(
          platform,
          Map.of(),
          (tenant, body) -> platform.broker.publish(tenant.entry().queue(), body));
    }
  }

  @Test
  void theSameOnSqs() {
    try (var platform = WorkerTestPlatform.start();
        var sqs = LocalSqs.start()) {
      var publisher = new SqsEventPublisher(sqs.client());
      Set<String> created = new HashSet<>();
      assertServedByWeight(
          platform,
          Map.of(
              "STEVEDORE_BROKER_TYPE", "sqs",
              "STEVEDORE_BROKER_SQS_REGION", "eu-west-1",
              "STEVEDORE_BROKER_SQS_ENDPOINT", sqs.endpoint()),
          (tenant, body) -> {
            if (created.add(tenant.name())) {
              TenantSqsQueues.create(sqs.client(), tenant.sqsQueues());
            }
            publisher.publish(tenant.entry(), EventBatchCodec.decode(body), Duration.ofSeconds(5));
          });
    }
  }

  private static void assertServedByWeight(
      WorkerTestPlatform platform, Map<String, String> broker, Broker publish) {
    TestTenant flood = platform.addTenant("flood", 1);
    TestTenant gold = platform.addTenant("gold", 3);
    TestTenant basic = platform.addTenant("basic", 1);
    publish(flood, FLOOD, publish);
    publish(gold, GOLD, publish);
    publish(basic, BASIC, publish);

    Map<String, String> environment = new HashMap<>(broker);
    environment.put("STEVEDORE_WORKER_CONCURRENCY", "1");
    platform.startWorker(environment);
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

  private static void publish(TestTenant tenant, int batches, Broker publish) {
    TestBatches.encodedBatches(tenant.entry(), TestBatches.locations(0, batches * 5), 5)
        .forEach(body -> publish.publish(tenant, body));
  }

  private static Map<String, Long> counts(List<String> tenants) {
    return tenants.stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
