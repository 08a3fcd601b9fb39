package io.stevedore.operator.scaling;

import static io.stevedore.operator.scaling.ScalingConditions.METRICS_AVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.contract.SqsQueueNames;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.SqsSpec;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.sandbox.aws.LocalSqs;
import io.stevedore.sandbox.faults.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The autoscaler on SQS (ElasticMQ in this process, behind a TcpProxy): visible messages are ready,
 * received ones in flight, delayed ones apart; a deleted queue or an unreachable endpoint holds the
 * size.
 */
class SqsScalingIT {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  private static LocalSqs server;
  private static TcpProxy proxy;
  private static SqsClient sqs;

  @BeforeAll
  static void startElasticMq() throws Exception {
    server = LocalSqs.start();
    proxy = TcpProxy.to("127.0.0.1", server.port());
    sqs = server.client();
  }

  @AfterAll
  static void stopElasticMq() throws Exception {
    proxy.close();
    server.close();
  }

  @Test
  void readyInFlightAndDelayedMessagesAreToldApartAndTheBacklogScalesThePool() {
    var world = new ScalingWorld(harness);
    // One message a second per replica: 300 messages ask for the maximum, and send quickly.
    world.create(onSqs(), s -> s.setInitialThroughputPerReplica(1));
    String url = provisionedQueue(world);

    send(url, 300, 0);
    send(url, 5, 300);
    var received =
        sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(300));

    awaitScaling()
        .untilAsserted(
            () -> {
              var scaling = world.pool().getStatus().getScaling();
              assertThat(world.replicas()).as(scaling.getMessage()).isEqualTo(5);
              assertThat(scaling.getReady()).isEqualTo(300 - received.messages().size());
              assertThat(scaling.getUnacked()).isEqualTo(received.messages().size());
              assertThat(scaling.getBacklog()).isEqualTo(300);
              assertThat(scaling.getDelayed()).isEqualTo(5);
              world.assertCondition(METRICS_AVAILABLE, true, "Observed");
            });
  }

  @Test
  void aDeletedQueueOrAnUnreachableEndpointHoldsTheSizeAndBothRecover() {
    var world = new ScalingWorld(harness);
    // One message a second per replica: 300 messages ask for the maximum, and send quickly.
    world.create(onSqs(), s -> s.setInitialThroughputPerReplica(1));
    String url = provisionedQueue(world);
    send(url, 300, 0);
    awaitScaling().until(() -> world.replicas() == 5);
    // Otherwise the tenant's drift repair creates the queue again before the scaler looks.
    world.pauseTenantReconciliation();

    sqs.deleteQueue(r -> r.queueUrl(url));

    awaitScaling()
        .untilAsserted(
            () -> {
              world.assertCondition(METRICS_AVAILABLE, false, "QueueMissing");
              assertThat(world.hasEvent("FallbackActive")).isTrue();
            });
    assertThat(world.replicas()).isEqualTo(5);

    createQueue(world);
    awaitScaling()
        .untilAsserted(
            () -> {
              world.assertCondition(METRICS_AVAILABLE, true, "Observed");
              assertThat(world.pool().getStatus().getScaling().getBacklog()).isZero();
            });

    proxy.refuse();
    try {
      awaitScaling()
          .untilAsserted(
              () -> world.assertCondition(METRICS_AVAILABLE, false, "SourceUnavailable"));
      int held = world.replicas();
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> world.replicas() == held);
    } finally {
      proxy.forward();
    }
    awaitScaling().untilAsserted(() -> world.assertCondition(METRICS_AVAILABLE, true, "Observed"));
  }

  /**
   * The tenant's main queue, once its Tenant made it (one made beforehand would not be its own).
   */
  private static String provisionedQueue(ScalingWorld world) {
    String name = SqsQueueNames.of(world.ns, ScalingWorld.TENANT).main();
    return OperatorHarness.eventually()
        .ignoreExceptions()
        .until(() -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl(), url -> url != null);
  }

  private static String createQueue(ScalingWorld world) {
    String name = SqsQueueNames.of(world.ns, ScalingWorld.TENANT).main();
    return sqs.createQueue(r -> r.queueName(name)).queueUrl();
  }

  private static void send(String url, int count, int delaySeconds) {
    List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(
          SendMessageBatchRequestEntry.builder()
              .id("m" + i)
              .messageBody("{}")
              .delaySeconds(delaySeconds)
              .build());
      if (batch.size() == 10 || i == count - 1) {
        var entries = List.copyOf(batch);
        sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
        batch.clear();
      }
    }
  }

  private static UnaryOperator<Environment> onSqs() {
    return env -> {
      var broker = env.getSpec().getBroker();
      broker.setType(BrokerType.SQS);
      broker.setRabbitmq(null);
      var spec = new SqsSpec();
      spec.setRegion("eu-west-1");
      spec.setEndpoint("http://127.0.0.1:" + proxy.port());
      broker.setSqs(spec);
      return env;
    };
  }

  private static ConditionFactory awaitScaling() {
    return await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions();
  }
}
