package io.stevedore.runtime.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stevedore.contract.TenantDirectory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The worker's metrics: {@code stevedore.worker.events} (events by tenant and outcome) and {@code
 * stevedore.worker.batch.latency} (per batch, by tenant and how the batch was settled).
 */
public class WorkerMetrics {
  static final String EVENTS = "stevedore.worker.events";
  static final String BATCH_LATENCY = "stevedore.worker.batch.latency";
  static final String IN_FLIGHT = "stevedore.worker.inflight";

  /** What became of events. */
  public enum EventOutcome {
    STORED,
    DROPPED,
    RETRIED,
    DEAD_LETTERED,
    /** Returned to the queue unattempted because a store was unavailable. */
    POSTPONED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;

  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void events(TenantDirectory.Entry tenant, EventOutcome outcome, int count) {
    if (count > 0) {
      registry
          .counter(
              EVENTS,
              "namespace",
              tenant.namespace(),
              "tenant",
              tenant.name(),
              "outcome",
              outcome.tag())
          .increment(count);
    }
  }

  /** One batch took {@code nanos} from delivery to settlement, ending as {@code outcome}. */
  void batch(TenantDirectory.Entry tenant, String outcome, long nanos) {
    Timer.builder(BATCH_LATENCY)
        .tags("namespace", tenant.namespace(), "tenant", tenant.name(), "outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
