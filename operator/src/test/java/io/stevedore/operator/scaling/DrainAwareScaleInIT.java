package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.testing.BrokerQueues;
import io.stevedore.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale-in removes the idle pods and keeps the busy one: the autoscaler reads every pod's
 * `/actuator/inflight`, marks pod-deletion-cost, lowers the replicas, and the (simulated)
 * ReplicaSet deletes the cheapest pods.
 *
 * <p>The pods are Pod objects of the simulated controller, each answering `/actuator/inflight` from
 * an HTTP server in this test, because which real worker holds in-flight work cannot be controlled
 * (the broker spreads deliveries over its consumers); the real endpoint is tested in the runtime's
 * WorkerIT, and LocalKubelet removes pods by the same ranking (the cluster module's
 * PodObjects.scaleInVictims).
 */
class DrainAwareScaleInIT {
  private static final WorkerEndpoints WORKERS = new WorkerEndpoints();

  @RegisterExtension static final OperatorHarness harness = new OperatorHarness(WORKERS);

  @AfterAll
  static void stopEndpoints() {
    WORKERS.close();
  }

  @Test
  void scalingInRemovesTheIdlePodsAndKeepsTheOneWithWorkInFlight() throws Exception {
    var world = new ScalingWorld(harness);
    world.create(ScalingWorld.rabbitOn(5672), s -> {});
    try (var queues = BrokerQueues.provisioned(world.ns, ScalingWorld.TENANT)) {
      world.annotate(Map.of(Pause.PAUSED_REPLICAS, "3"));
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(pods(world))
                      .as("pods while pinned (%s replicas)", world.replicas())
                      .hasSize(3));
      String busy = pods(world).get(1).getMetadata().getName();
      WORKERS.inFlight(busy, 40);

      world.annotate(Map.of());

      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(world.replicas()).isEqualTo(1);
                assertThat(pods(world))
                    .singleElement()
                    .satisfies(
                        pod -> {
                          assertThat(pod.getMetadata().getName()).isEqualTo(busy);
                          assertThat(pod.getMetadata().getAnnotations())
                              .containsEntry(ScaleInVictims.DELETION_COST, "40");
                        });
                assertThat(world.hasEvent("ScaledIn")).isTrue();
              });
    }
  }

  private static List<Pod> pods(ScalingWorld world) {
    return harness
        .client()
        .pods()
        .inNamespace(world.ns)
        .withLabel(Labels.WORKER_POOL, ScalingWorld.POOL)
        .list()
        .getItems();
  }
}
