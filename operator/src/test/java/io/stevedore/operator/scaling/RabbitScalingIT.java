package io.stevedore.operator.scaling;

import static io.stevedore.operator.scaling.ScalingConditions.METRICS_AVAILABLE;
import static io.stevedore.operator.scaling.ScalingConditions.QUOTA_LIMITED;
import static io.stevedore.operator.scaling.ScalingConditions.SCALING_ACTIVE;
import static io.stevedore.operator.scaling.ScalingConditions.SCALING_PAUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.stevedore.operator.testing.BrokerQueues;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.sandbox.faults.TcpProxy;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The autoscaler against the machine's RabbitMQ and the embedded API: it sizes a pool from its
 * tenant's queue, within bounds, holds the size when the broker or the queue is gone, obeys the
 * pause annotations and quotas, and scales to zero and back. The pool's pods do not consume, so the
 * backlog stays until a test takes it away.
 */
class RabbitScalingIT {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  private TcpProxy proxy;
  private BrokerQueues queues;

  @AfterEach
  void cleanUp() throws Exception {
    if (queues != null) {
      queues.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void scalesOutToMaxOnABacklogAndBackToMinOnceItIsGone() throws Exception {
    var world = start(s -> {});

    queues.publish(3000);

    awaitScaling()
        .untilAsserted(
            () -> {
              var scaling = world.pool().getStatus().getScaling();
              assertThat(world.replicas()).as(scaling.getMessage()).isEqualTo(5);
              assertThat(scaling.getBacklog()).isEqualTo(3000);
              assertThat(scaling.getReady()).isEqualTo(3000);
              assertThat(scaling.getDesiredReplicas()).isEqualTo(5);
              assertThat(scaling.getRule()).isEqualTo("MaxReplicas");
              world.assertCondition(SCALING_ACTIVE, true, "Active");
              world.assertCondition(METRICS_AVAILABLE, true, "Observed");
              assertThat(world.hasEvent("ScaledOut")).isTrue();
            });

    queues.purge();

    awaitScaling()
        .untilAsserted(
            () -> {
              assertThat(world.replicas())
                  .as(world.pool().getStatus().getScaling().getMessage())
                  .isEqualTo(1);
              assertThat(world.pool().getStatus().getScaling().getBacklog()).isZero();
              assertThat(world.pool().getStatus().getScaling().getRule()).isEqualTo("MinReplicas");
              assertThat(world.hasEvent("ScaledIn")).isTrue();
            });
  }

  @Test
  void aDownBrokerIsNeverAnEmptyQueueTheFallbackHoldsTheSizeAndItRecovers() throws Exception {
    var world = start(s -> {});
    queues.publish(3000);
    awaitScaling().until(() -> world.replicas() == 5);

    proxy.refuse();

    awaitScaling()
        .untilAsserted(
            () -> {
              world.assertCondition(METRICS_AVAILABLE, false, "SourceUnavailable");
              world.assertCondition(SCALING_ACTIVE, false, "Fallback");
              assertThat(world.pool().getStatus().getScaling().getConsecutiveFailures())
                  .isGreaterThanOrEqualTo(3);
              assertThat(world.hasEvent("SourceUnavailable")).isTrue();
              assertThat(world.hasEvent("FallbackActive")).isTrue();
            });
    assertThat(world.replicas()).isEqualTo(5);

    proxy.forward();

    awaitScaling()
        .untilAsserted(
            () -> {
              world.assertCondition(METRICS_AVAILABLE, true, "Observed");
              world.assertCondition(SCALING_ACTIVE, true, "Active");
              assertThat(world.hasEvent("FallbackEnded")).isTrue();
              assertThat(world.pool().getStatus().getScaling().getConsecutiveFailures()).isZero();
            });
    // Every failed attempt closed its connection: one shared connection again.
    assertThat(proxy.openConnections()).isLessThanOrEqualTo(1);
  }

  @Test
  void aDeletedQueueIsQueueMissingNotEmptyAndTheSizeHoldsUntilItIsBack() throws Exception {
    var world = start(s -> {});
    queues.publish(3000);
    awaitScaling().until(() -> world.replicas() == 5);
    // Otherwise the tenant's drift repair declares the queue again before the scaler looks.
    world.pauseTenantReconciliation();

    queues.deleteMain();

    awaitScaling()
        .untilAsserted(
            () -> {
              world.assertCondition(METRICS_AVAILABLE, false, "QueueMissing");
              assertThat(world.hasEvent("QueueMissing")).isTrue();
              assertThat(world.hasEvent("FallbackActive")).isTrue();
            });
    assertThat(world.replicas()).isEqualTo(5);

    queues.redeclareMain();

    awaitScaling()
        .untilAsserted(
            () -> {
              world.assertCondition(METRICS_AVAILABLE, true, "Observed");
              assertThat(world.replicas()).isEqualTo(1);
            });
  }

  @Test
  void pauseAnnotationsFreezePinAndReleaseTheSize() throws Exception {
    var world = start(s -> {});
    queues.publish(3000);
    awaitScaling().until(() -> world.replicas() == 5);

    world.annotate(Map.of(Pause.PAUSED, "true"));
    awaitScaling().untilAsserted(() -> world.assertCondition(SCALING_PAUSED, true, "Paused"));
    queues.purge();
    awaitScaling()
        .untilAsserted(
            () -> assertThat(world.pool().getStatus().getScaling().getRule()).isEqualTo("Paused"));
    assertThat(world.replicas()).isEqualTo(5);

    world.annotate(Map.of(Pause.PAUSED_REPLICAS, "2"));
    awaitScaling()
        .untilAsserted(
            () -> {
              assertThat(world.replicas()).isEqualTo(2);
              world.assertCondition(SCALING_PAUSED, true, "ReplicasPinned");
            });

    world.annotate(Map.of(Pause.SCALE_OUT_PAUSED, "true"));
    queues.publish(3000);
    awaitScaling()
        .untilAsserted(
            () ->
                assertThat(world.pool().getStatus().getScaling().getRule())
                    .isEqualTo("ScaleOutPaused"));
    assertThat(world.replicas()).isEqualTo(2);

    world.annotate(Map.of());
    awaitScaling()
        .untilAsserted(
            () -> {
              assertThat(world.replicas()).isEqualTo(5);
              world.assertCondition(SCALING_PAUSED, false, "NotPaused");
              assertThat(world.hasEvent("ScalingResumed")).isTrue();
            });
  }

  @Test
  void anIdlePoolScalesToZeroAndABacklogBringsItBack() throws Exception {
    var world =
        start(
            s -> {
              s.setIdleReplicas(0);
              s.setIdleAfterSeconds(2);
            });

    awaitScaling()
        .untilAsserted(
            () -> {
              assertThat(world.replicas()).isZero();
              world.assertCondition(SCALING_ACTIVE, false, "Idle");
            });

    queues.publish(30);

    awaitScaling()
        .untilAsserted(
            () -> {
              assertThat(world.replicas()).isPositive();
              world.assertCondition(SCALING_ACTIVE, true, "Active");
            });
  }

  @Test
  void aQuotaThatAdmitsTwoMorePodsCapsTheScaleOutAndSaysSo() throws Exception {
    proxy = TcpProxy.to("127.0.0.1", 5672);
    var world = new ScalingWorld(harness);
    // The quota exists before the pool does, so no tick can see the backlog without it.
    var quota =
        harness.create(
            new ResourceQuotaBuilder()
                .withNewMetadata()
                .withName("team-quota")
                .withNamespace(world.ns)
                .endMetadata()
                .withNewSpec()
                .addToHard("pods", new Quantity("3"))
                .endSpec()
                .build());
    quota.setStatus(
        new io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder()
            .addToHard("pods", new Quantity("3"))
            .addToUsed("pods", new Quantity("1"))
            .build());
    harness.client().resource(quota).updateStatus();
    world.create(ScalingWorld.rabbitOn(proxy.port()), s -> {});
    queues = BrokerQueues.provisioned(world.ns, ScalingWorld.TENANT);

    queues.publish(3000);

    awaitScaling()
        .untilAsserted(
            () -> {
              assertThat(world.replicas()).isEqualTo(3);
              world.assertCondition(QUOTA_LIMITED, true, "QuotaExceeded");
              assertThat(world.pool().getStatus().getScaling().getRule()).isEqualTo("Quota");
              assertThat(world.hasEvent("QuotaLimited")).isTrue();
            });
  }

  @Test
  void aTenantsBacklogDrivesAtMostItsOwnMaxWorkersAndStatusSaysSo() throws Exception {
    var world = start(s -> {});
    world.tenantMaxWorkers(2);

    queues.publish(3000);

    awaitScaling()
        .untilAsserted(
            () -> {
              var scaling = world.pool().getStatus().getScaling();
              assertThat(world.replicas()).as(scaling.getMessage()).isEqualTo(2);
              assertThat(scaling.getRule()).isEqualTo("TenantPlans");
              assertThat(scaling.getCappedTenants()).containsExactly(ScalingWorld.TENANT);
              assertThat(scaling.getTenantShares())
                  .singleElement()
                  .satisfies(
                      share -> {
                        assertThat(share.getTenant()).isEqualTo(ScalingWorld.TENANT);
                        assertThat(share.getBacklog()).isEqualTo(3000);
                        assertThat(share.getMaxWorkers()).isEqualTo(2);
                        assertThat(share.getReplicas()).isGreaterThan(2);
                        assertThat(share.getCapped()).isTrue();
                      });
              assertThat(world.hasEvent("TenantCapped")).isTrue();
            });
  }

  private ScalingWorld start(
      java.util.function.Consumer<io.stevedore.operator.api.v1alpha1.ScalingSpec> scaling)
      throws Exception {
    proxy = TcpProxy.to("127.0.0.1", 5672);
    var world = new ScalingWorld(harness);
    world.create(ScalingWorld.rabbitOn(proxy.port()), scaling);
    queues = BrokerQueues.provisioned(world.ns, ScalingWorld.TENANT);
    return world;
  }

  private static ConditionFactory awaitScaling() {
    return await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions();
  }
}
