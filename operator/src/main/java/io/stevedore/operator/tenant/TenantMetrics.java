package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.status.Conditions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long tenant provisioning takes, condition by condition (where a slow onboarding spends its
 * time), and whether each Tenant is Ready (what an alert on a Tenant stuck unready watches).
 */
public final class TenantMetrics {
  public static final String STEP = "stevedore.tenant.step.duration";
  public static final String READY = "stevedore.tenant.ready";

  private final MeterRegistry registry;
  private final Map<ResourceID, AtomicInteger> ready = new ConcurrentHashMap<>();

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

  /** Publishes the Ready condition the tenant's status now holds (1 True, 0 otherwise). */
  void ready(Tenant tenant) {
    boolean isReady =
        tenant.getStatus() != null
            && Conditions.isTrue(tenant.getStatus().getConditions(), Conditions.READY);
    ready
        .computeIfAbsent(
            ResourceID.fromResource(tenant),
            id -> {
              var value = new AtomicInteger();
              Gauge.builder(READY, value, AtomicInteger::get)
                  .description("1 while the Tenant's Ready condition is True, else 0")
                  .tags("namespace", id.getNamespace().orElse(""), "tenant", id.getName())
                  .register(registry);
              return value;
            })
        .set(isReady ? 1 : 0);
  }

  /** Removes an offboarded tenant's gauge. */
  void forget(Tenant tenant) {
    ResourceID id = ResourceID.fromResource(tenant);
    if (ready.remove(id) != null) {
      registry
          .find(READY)
          .tags("namespace", id.getNamespace().orElse(""), "tenant", id.getName())
          .meters()
          .forEach(registry::remove);
    }
  }
}
