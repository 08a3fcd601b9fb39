package io.stevedore.operator.workerpool;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WorkerPool's lifecycle against the embedded API. */
class WorkerPoolReconcilerTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void poolWithoutEnvironmentWaitsAndBecomesReadyWhenTheEnvironmentAppears() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));

    var waiting =
        harness.awaitReady(WorkerPool.class, ns, "standard", false, "EnvironmentNotFound");
    assertThat(waiting.getStatus().getConditions().get(0).getMessage()).contains("'staging'");
    assertThat(harness.events(ns, "standard"))
        .anyMatch(e -> e.getReason().equals("EnvironmentNotFound"));

    harness.create(Fixtures.environment(ns, "staging"));

    var ready = harness.awaitReady(WorkerPool.class, ns, "standard", true, "Available");
    assertThat(ready.getStatus().getReplicas()).isEqualTo(1);
    var workers =
        harness.client().apps().deployments().inNamespace(ns).withName("standard-workers").get();
    assertThat(workers.getSpec().getReplicas()).isEqualTo(1);
    assertThat(workers.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(120 + WorkerDeploymentDependentResource.KILL_MARGIN_SECONDS);
    assertThat(workers.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("tenants"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getProjected().getSources().get(0).getConfigMap().getName())
                    .isEqualTo("standard-tenants"));
  }

  @Test
  void aShardConfigMapThePoolsDirectoryNoLongerNeedsIsDeleted() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    var pool = harness.awaitReady(WorkerPool.class, ns, "standard", true, "Available");

    // Left over from when the directory had more shards.
    harness.create(
        new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
            .withNewMetadata()
            .withName("standard-tenants-3")
            .withNamespace(ns)
            .withOwnerReferences(io.stevedore.operator.kube.OwnerReferences.controller(pool))
            .endMetadata()
            .withData(java.util.Map.of("tenants-3.json", "{}"))
            .build());

    io.stevedore.operator.testing.OperatorHarness.eventually()
        .untilAsserted(
            () ->
                assertThat(
                        harness
                            .client()
                            .configMaps()
                            .inNamespace(ns)
                            .withName("standard-tenants-3")
                            .get())
                    .isNull());
    assertThat(
            io.stevedore.operator.testing.WrittenDirectories.workers(
                    harness.client(), ns, "standard")
                .tenants())
        .isEmpty();
  }

  @Test
  void minAboveMaxIsInvalidAndTheOperatorKeepsReconcilingOtherPools() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));
    var invalid = Fixtures.workerPool(ns, "broken", "staging", "standard");
    invalid.getSpec().setScaling(Fixtures.scaling(5, 2));
    harness.create(invalid);
    harness.create(Fixtures.workerPool(ns, "healthy", "staging", "standard"));

    var broken = harness.awaitReady(WorkerPool.class, ns, "broken", false, "InvalidSpec");
    assertThat(broken.getStatus().getConditions().get(0).getMessage())
        .isEqualTo("spec.scaling: minReplicas (5) must not exceed maxReplicas (2)");
    assertThat(harness.events(ns, "broken"))
        .anyMatch(e -> e.getReason().equals("InvalidSpec") && e.getType().equals("Warning"));
    harness.awaitReady(WorkerPool.class, ns, "healthy", true, "Available");
  }

  @Test
  void minReplicasChangeResizesTheDeployment() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));
    harness.create(Fixtures.workerPool(ns, "bulk", "staging", "bulk"));
    harness.awaitReady(WorkerPool.class, ns, "bulk", true, "Available");

    harness.edit(WorkerPool.class, ns, "bulk", p -> p.getSpec().setScaling(Fixtures.scaling(3, 6)));

    eventually()
        .untilAsserted(
            () -> {
              var pool =
                  harness
                      .client()
                      .resources(WorkerPool.class)
                      .inNamespace(ns)
                      .withName("bulk")
                      .get();
              assertThat(pool.getStatus().getReplicas()).isEqualTo(3);
              assertThat(pool.getStatus().getReadyReplicas()).isEqualTo(3);
            });
  }

  @Test
  void environmentReleaseChangeRollsTheWorkersToo() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    harness.awaitReady(WorkerPool.class, ns, "standard", true, "Available");

    harness.edit(
        Environment.class,
        ns,
        "staging",
        e -> e.getSpec().setRelease(new Release("2.0.0", "registry.example/runtime:2.0.0")));

    eventually()
        .untilAsserted(
            () -> {
              var workers =
                  harness
                      .client()
                      .apps()
                      .deployments()
                      .inNamespace(ns)
                      .withName("standard-workers")
                      .get();
              assertThat(
                      workers.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .isEqualTo("registry.example/runtime:2.0.0");
            });
  }
}
