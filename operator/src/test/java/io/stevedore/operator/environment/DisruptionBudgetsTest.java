package io.stevedore.operator.environment;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.platform.PlatformDeployment;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zero-downtime rollouts: budgets against disruptions and rolling updates that never go short. */
class DisruptionBudgetsTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void ingestAndEveryWorkerPoolGetABudgetSelectingExactlyTheirPods() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "prod"));
    harness.create(Fixtures.workerPool(ns, "standard", "prod", "standard"));
    harness.awaitReady(Environment.class, ns, "prod", true, "Available");

    eventually()
        .untilAsserted(
            () -> {
              var ingest = budget(ns, "prod-ingest");
              var workers = budget(ns, "standard-workers");
              assertThat(ingest.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
              assertThat(workers.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
              assertThat(ingest.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(o -> assertThat(o.getKind()).isEqualTo("Environment"));
              assertThat(workers.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(o -> assertThat(o.getKind()).isEqualTo("WorkerPool"));
              for (String deployment : new String[] {"prod-ingest", "standard-workers"}) {
                var d =
                    harness
                        .client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName(deployment)
                        .get();
                assertThat(budget(ns, deployment).getSpec().getSelector().getMatchLabels())
                    .isEqualTo(d.getSpec().getSelector().getMatchLabels());
                assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
                    .isEqualTo(new IntOrString(0));
                assertThat(d.getSpec().getMinReadySeconds())
                    .isEqualTo(PlatformDeployment.MIN_READY_SECONDS);
              }
            });
  }

  @Test
  void theBudgetsLetADrainEvictUnhealthyPods() {
    var budget =
        IngestPodDisruptionBudgetDependentResource.desired(Fixtures.environment("ns", "prod"));

    assertThat(budget.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
    assertThat(budget.getMetadata().getName()).isEqualTo("prod-ingest");
  }

  private static PodDisruptionBudget budget(String ns, String name) {
    return harness
        .client()
        .policy()
        .v1()
        .podDisruptionBudget()
        .inNamespace(ns)
        .withName(name)
        .get();
  }
}
