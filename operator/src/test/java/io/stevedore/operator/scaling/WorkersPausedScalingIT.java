package io.stevedore.operator.scaling;

import static io.stevedore.operator.scaling.ScalingConditions.WORKERS_PAUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.stevedore.operator.testing.BrokerQueues;
import io.stevedore.operator.testing.OperatorHarness;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workers that pause consumption for a store's outage, as the autoscaler reads them over HTTP from
 * each pod's `/actuator/inflight`: the WorkerPool says so (condition, Warning Event) and keeps its
 * replicas whatever the backlog; when the store is back it says so (Normal Event) and scales again.
 *
 * <p>The pods answer from {@link WorkerEndpoints}, since no real worker runs here; the runtime's
 * endpoint and breakers are tested in the runtime module.
 */
class WorkersPausedScalingIT {
  private static final WorkerEndpoints WORKERS = new WorkerEndpoints();

  @RegisterExtension static final OperatorHarness harness = new OperatorHarness(WORKERS);

  @AfterAll
  static void stopEndpoints() {
    WORKERS.close();
  }

  @Test
  void aPoolWhoseWorkersPausedForAnOutageHoldsItsReplicasAndScalesWhenTheyResume()
      throws Exception {
    WORKERS.circuits(Map.of("dynamodb", "closed", "mysql", "open"));
    var world = new ScalingWorld(harness);
    world.create(ScalingWorld.rabbitOn(5672), s -> {});
    try (var queues = BrokerQueues.provisioned(world.ns, ScalingWorld.TENANT)) {
      queues.publish(3000);

      awaitScaling()
          .untilAsserted(
              () -> {
                var scaling = world.pool().getStatus().getScaling();
                assertThat(scaling.getRule())
                    .as(scaling.getMessage())
                    .isEqualTo("DependencyOutage");
                assertThat(scaling.getBacklog()).isEqualTo(3000);
                world.assertCondition(WORKERS_PAUSED, true, "DependencyUnavailable");
                assertThat(condition(world).getMessage()).contains("mysql unavailable on 1 of 1");
                assertThat(event(world, "WorkersPaused").getType()).isEqualTo("Warning");
              });
      // Several ticks of a 1 s poll with 3000 waiting: the backlog alone would ask for 5.
      await()
          .during(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(10))
          .until(() -> world.replicas() == 1);

      WORKERS.circuits(Map.of("dynamodb", "closed", "mysql", "closed"));

      awaitScaling()
          .untilAsserted(
              () -> {
                assertThat(world.replicas()).isEqualTo(5);
                world.assertCondition(WORKERS_PAUSED, false, "NotPaused");
                assertThat(event(world, "WorkersResumed").getType()).isEqualTo("Normal");
              });
    }
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(ScalingWorld world) {
    return io.stevedore.operator.status.Conditions.find(
            world.pool().getStatus().getConditions(), WORKERS_PAUSED)
        .orElseThrow();
  }

  private static Event event(ScalingWorld world, String reason) {
    return harness.events(world.ns, ScalingWorld.POOL).stream()
        .filter(e -> reason.equals(e.getReason()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Event " + reason));
  }

  private static ConditionFactory awaitScaling() {
    return await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions();
  }
}
