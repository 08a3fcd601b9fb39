package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenantMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TenantMetrics metrics = new TenantMetrics(registry);

  @Test
  void readyGaugeFollowsTheReadyConditionTenantByTenant() {
    Tenant acme = Fixtures.tenant("ns", "acme", "staging", "standard", "gold");
    Tenant globex = Fixtures.tenant("ns", "globex", "staging", "standard", "gold");

    metrics.ready(withReady(acme, true));
    metrics.ready(withReady(globex, false));
    assertThat(ready("acme")).isEqualTo(1.0);
    assertThat(ready("globex")).isEqualTo(0.0);

    metrics.ready(withReady(acme, false));
    metrics.ready(withReady(globex, true));
    assertThat(ready("acme")).isEqualTo(0.0);
    assertThat(ready("globex")).isEqualTo(1.0);
  }

  @Test
  void aTenantWithoutStatusYetIsNotReady() {
    metrics.ready(Fixtures.tenant("ns", "acme", "staging", "standard", "gold"));

    assertThat(ready("acme")).isEqualTo(0.0);
  }

  @Test
  void anOffboardedTenantsGaugeIsRemovedAndTheOthersStay() {
    Tenant acme = withReady(Fixtures.tenant("ns", "acme", "staging", "standard", "gold"), false);
    Tenant globex = withReady(Fixtures.tenant("ns", "globex", "staging", "standard", "gold"), true);
    metrics.ready(acme);
    metrics.ready(globex);

    metrics.forget(acme);

    assertThat(registry.find(TenantMetrics.READY).tag("tenant", "acme").gauge()).isNull();
    assertThat(ready("globex")).isEqualTo(1.0);
  }

  private double ready(String tenant) {
    return registry
        .get(TenantMetrics.READY)
        .tags("namespace", "ns", "tenant", tenant)
        .gauge()
        .value();
  }

  private static Tenant withReady(Tenant tenant, boolean ready) {
    var status = new TenantStatus();
    Conditions.set(
        status.getConditions(), Conditions.READY, ready, "Reason", "message", 1L, Instant.EPOCH);
    tenant.setStatus(status);
    return tenant;
  }
}
