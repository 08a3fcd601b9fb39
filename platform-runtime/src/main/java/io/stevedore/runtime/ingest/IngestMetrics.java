package io.stevedore.runtime.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stevedore.contract.TenantDirectory;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ingest role's meters: events by tenant and outcome, and how long publishing (up to the
 * broker's confirm) takes. Requests whose body is not JSON carry no countable events; they show in
 * the standard http.server.requests meter.
 */
public final class IngestMetrics {

  /** What happened to a batch's events. */
  public enum Outcome {
    ACCEPTED,
    REJECTED,
    RATE_LIMITED,
    UNAVAILABLE;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private record Key(String namespace, String tenant, Outcome outcome) {}

  private final MeterRegistry registry;
  private final Map<Key, Counter> events = new ConcurrentHashMap<>();
  private final Timer publishConfirmed;
  private final Timer publishFailed;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.publishConfirmed = publishTimer(registry, "confirmed");
    this.publishFailed = publishTimer(registry, "failed");
  }

  /** Counts {@code count} events of {@code tenant} with this outcome. */
  public void events(TenantDirectory.Entry tenant, Outcome outcome, int count) {
    events
        .computeIfAbsent(
            new Key(tenant.namespace(), tenant.name(), outcome),
            key ->
                Counter.builder("stevedore.ingest.events")
                    .description("Events received by ingest, by tenant and outcome")
                    .tag("namespace", key.namespace())
                    .tag("tenant", key.tenant())
                    .tag("outcome", key.outcome().tag())
                    .register(registry))
        .increment(count);
  }

  /** The timer of publishing a batch until the broker confirmed it, or until it failed. */
  public Timer publishLatency(boolean confirmed) {
    return confirmed ? publishConfirmed : publishFailed;
  }

  private static Timer publishTimer(MeterRegistry registry, String outcome) {
    return Timer.builder("stevedore.ingest.publish.latency")
        .description("Time from publishing a batch to the broker's confirm (or failure)")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }
}
