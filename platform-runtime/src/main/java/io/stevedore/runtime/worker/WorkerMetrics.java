package io.stevedore.runtime.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stevedore.contract.TenantDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The worker's metrics: {@code stevedore.worker.events} (events by tenant and outcome), {@code
 * stevedore.worker.batch.latency} (per batch, by tenant and how the batch was settled) and {@code
 * stevedore.worker.queue.wait} (per delivered batch and tenant, from ingest's acceptance to the
 * worker's start: the tenant's backlog-age SLI).
 */
public class WorkerMetrics {
  static final String EVENTS = "stevedore.worker.events";
  static final String BATCH_LATENCY = "stevedore.worker.batch.latency";
  static final String IN_FLIGHT = "stevedore.worker.inflight";
  static final String QUEUE_WAIT = "stevedore.worker.queue.wait";

  /**
   * The queue-wait histogram's buckets; the chart's backlog-age objective must be one of them, as
   * its alerts read the bucket whose upper bound is the objective (values.schema.json lists them).
   */
  static final List<Duration> QUEUE_WAIT_BUCKETS =
      Stream.of(1, 5, 15, 30, 60, 120, 300, 900).map(Duration::ofSeconds).toList();

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

  /**
   * A batch that ingest accepted at {@code acceptedAt} starts at {@code startedAt}. Both instants
   * come from different pods' clocks: a wait that skew makes negative counts as none.
   */
  void queueWait(TenantDirectory.Entry tenant, Instant acceptedAt, Instant startedAt) {
    Duration wait = Duration.between(acceptedAt, startedAt);
    Timer.builder(QUEUE_WAIT)
        .description("How long a batch waited from ingest's acceptance to the worker's start")
        .tags("namespace", tenant.namespace(), "tenant", tenant.name())
        .serviceLevelObjectives(QUEUE_WAIT_BUCKETS.toArray(Duration[]::new))
        .register(registry)
        .record(wait.isNegative() ? Duration.ZERO : wait);
  }
}
