package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.stevedore.operator.api.v1alpha1.TenantIsolationSpec;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator installed with watchNamespaces holds no cluster-wide rights, so it may not make
 * tenant namespaces: an isolated Environment's tenants say so, and the operator makes no
 * cluster-scoped call at all (the chart's RBAC test counts this class's recording for that mode).
 */
class TenantIsolationNotAllowedTest {
  @RegisterExtension
  static final OperatorHarness harness = new OperatorHarness().watchingOnlyItsNamespaces(1);

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void anIsolatedEnvironmentsTenantIsNotIsolatedSaysWhyAndNothingOutsideTheNamespaceIsTouched() {
    String ns = harness.newNamespace();
    var environment = Fixtures.environment(ns, "staging");
    var isolation = new TenantIsolationSpec();
    isolation.setQuota(Map.of("pods", new Quantity("10")));
    environment.getSpec().setTenantIsolation(isolation);
    harness.create(environment);
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));

    eventually()
        .untilAsserted(
            () -> {
              var condition = tenants.condition(ns, "acme", "IsolationReady");
              assertThat(condition.getStatus()).isEqualTo("False");
              assertThat(condition.getReason()).isEqualTo("IsolationNotAllowed");
              assertThat(condition.getMessage()).contains("watchNamespaces");
              assertThat(tenants.condition(ns, "acme", "Ready").getStatus()).isEqualTo("False");
            });
    // The platform's own objects are still made in the watched namespace.
    eventually()
        .until(
            () ->
                harness
                    .client()
                    .network()
                    .v1()
                    .networkPolicies()
                    .inNamespace(ns)
                    .withName("standard-workers")
                    .get(),
            p -> p != null);

    assertThat(harness.client().namespaces().withName(ns + "-acme").get()).isNull();
    assertThat(tenants.get(ns, "acme").getStatus().getIsolationNamespace()).isNull();
    // Leader election asks selfsubjectrulesreviews, which every authenticated user may.
    assertThat(harness.operatorCalls())
        .filteredOn(call -> !call.resource().equals("selfsubjectrulesreviews"))
        .as("calls outside the watched namespace and the operator's own")
        .allSatisfy(call -> assertThat(call.namespace()).isIn(ns, harness.operatorNamespace()));
  }
}
