package io.stevedore.operator.tenant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** How long tenant provisioning takes, step by step: where a slow onboarding spends its time. */
public final class TenantMetrics {
  public static final String STEP = "stevedore.tenant.step.duration";

  private final MeterRegistry registry;

  TenantMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void step(String condition, StepOutcome.State state, long nanos) {
    Timer.builder(STEP)
        .description("Time a provisioning step took, by its condition and outcome")
        .tags("step", condition, "outcome", state.name())
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }
}
