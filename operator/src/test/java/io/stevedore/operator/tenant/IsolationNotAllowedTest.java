package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantIsolationSpec;
import io.stevedore.operator.testing.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** `IsolationReady` under an operator that may not make tenant namespaces. */
class IsolationNotAllowedTest {
  private final IsolationNotAllowed isolation = new IsolationNotAllowed();
  private final Tenant tenant =
      Fixtures.tenant("team-a", "acme", "staging", "standard", "standard");

  @Test
  void anEnvironmentWithoutIsolationIsReadyAsNotConfigured() {
    var environment = Fixtures.environment("team-a", "staging");

    var condition = isolation.without(scope(environment)).orElseThrow();

    assertThat(condition.state()).isEqualTo(ProvisioningCondition.State.READY);
    assertThat(condition.reason()).isEqualTo("NotConfigured");
  }

  @Test
  void anEnvironmentAskingForIsolationFailsWithIsolationNotAllowedAndNoNamespaceInStatus() {
    var environment = Fixtures.environment("team-a", "staging");
    environment.getSpec().setTenantIsolation(new TenantIsolationSpec());
    var scope = scope(environment);

    var condition = isolation.without(scope).orElseThrow();

    assertThat(condition.state()).isEqualTo(ProvisioningCondition.State.FAILED);
    assertThat(condition.reason()).isEqualTo("IsolationNotAllowed");
    assertThat(condition.type()).isEqualTo("IsolationReady");
    assertThat(scope.isolated()).as("what status and offboarding messages go by").isFalse();
    assertThat(new TenantScope(tenant, environment, null, Instant.EPOCH, true).isolated()).isTrue();
  }

  private TenantScope scope(Environment environment) {
    return new TenantScope(tenant, environment, null, Instant.EPOCH, false);
  }
}
