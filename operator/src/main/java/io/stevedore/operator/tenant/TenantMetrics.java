package io.stevedore.operator.tenant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * How long tenant provisioning takes, condition by condition: where a slow onboarding spends its
 * time.
 */
public final class TenantMetrics {
  public static final String STEP = "stevedore.tenant.step.duration";

  private final MeterRegistry registry;

  TenantMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void step(String condition, ProvisioningCondition.State state, long nanos) {
    Timer.builder(STEP)
        .description(
            "Time the dependents behind a provisioning condition took, by condition and outcome")
        .tags("step", condition, "outcome", state.name())
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }
}
