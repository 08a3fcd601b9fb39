package io.stevedore.operator.health;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.status.Conditions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Measures Environments for the promotion gates: readiness, backlog age, dead-letter growth and
 * ingest errors. Rates need history, so each Environment's samples are kept (in this operator
 * replica: a new leader starts measuring afresh); only what a gate bounds is measured.
 */
public final class HealthObserver {
  /** Samples are kept this long: longer than any window a gate may ask for. */
  static final Duration RETENTION = Duration.ofHours(25);

  /** Samples closer together than this add nothing but load on the broker and the pods. */
  static final Duration MIN_SAMPLE_INTERVAL = Duration.ofMillis(200);

  private record Series(SampleSeries deadLetters, SampleSeries ingest) {
    static Series create() {
      return new Series(
          new SampleSeries(SampleSeries.Kind.DEPTH, RETENTION),
          new SampleSeries(SampleSeries.Kind.COUNTER, RETENTION));
    }
  }

  private final KubernetesClient client;
  private final DeadLetterDepths deadLetters;
  private final IngestCounters ingest;
  private final WorkerBacklog backlog;
  private final Clock clock;
  private final Map<String, Series> series = new ConcurrentHashMap<>();

  public HealthObserver(KubernetesClient client, PlatformClients platform, Clock clock) {
    this.client = client;
    this.deadLetters = new DeadLetterDepths(platform);
    this.ingest = new IngestCounters(client, platform.pods());
    this.backlog = new WorkerBacklog(client);
    this.clock = clock;
  }

  /**
   * Measures what {@code gates} bound on {@code environment}; rates over the samples since {@code
   * since} (the latest sample at or before it is the base).
   */
  public HealthReading observe(Environment environment, HealthGates gates, Instant since) {
    Instant now = clock.instant();
    forgetIdle(now);
    var meta = environment.getMetadata();
    Series samples =
        series.computeIfAbsent(meta.getNamespace() + "/" + meta.getName(), k -> Series.create());
    var ready =
        Conditions.find(
            environment.getStatus() == null ? null : environment.getStatus().getConditions(),
            Conditions.READY);
    return new HealthReading(
        meta.getName(),
        ready.map(c -> "True".equals(c.getStatus())).orElse(false),
        ready.map(c -> c.getReason() + ": " + c.getMessage()).orElse("not reconciled yet"),
        gates.getMaxBacklogAgeSeconds() == null ? null : backlog.read(environment),
        gates.getMaxDeadLetterRatePerMinute() == null
            ? null
            : deadLetters(environment, samples.deadLetters(), since, now),
        gates.getMaxIngestErrorRatio() == null
            ? null
            : ingestErrors(environment, samples.ingest(), since, now));
  }

  /** Forgets Environments not measured for longer than any window. */
  private void forgetIdle(Instant now) {
    Instant horizon = now.minus(RETENTION);
    series
        .values()
        .removeIf(
            s ->
                isBefore(s.deadLetters().lastSampleAt(), horizon)
                    && isBefore(s.ingest().lastSampleAt(), horizon));
  }

  private HealthReading.WindowedCount deadLetters(
      Environment environment, SampleSeries series, Instant since, Instant now) {
    String missing = "";
    if (due(series, now)) {
      try {
        var depths = deadLetters.read(environment, tenants(environment));
        series.add(now, depths.byTenant(), tenant -> null);
        if (!depths.missing().isEmpty()) {
          missing = "; no dead-letter queue for " + String.join(", ", depths.missing());
        }
      } catch (MeasurementException e) {
        return HealthReading.WindowedCount.unavailable(e.getMessage());
      }
    }
    var growth = series.since(since);
    return new HealthReading.WindowedCount(
        growth.total(), growth.span(), top(growth.byKey()) + missing, null);
  }

  private HealthReading.WindowedRatio ingestErrors(
      Environment environment, SampleSeries series, Instant since, Instant now) {
    String skipped = "";
    if (due(series, now)) {
      try {
        var counts = ingest.read(environment);
        series.add(
            now,
            counts.byPodOutcome(),
            key -> counts.podStarts().get(key.substring(0, key.lastIndexOf('|'))));
        if (!counts.skipped().isEmpty()) {
          skipped = counts.skipped().size() + " pods without an address not measured";
        }
      } catch (MeasurementException e) {
        return HealthReading.WindowedRatio.unavailable(e.getMessage());
      }
    }
    var growth = series.since(since);
    double errors = sumOutcome(growth.byKey(), IngestCounters.ERROR_OUTCOME);
    double total = errors + sumOutcome(growth.byKey(), IngestCounters.SUCCESS_OUTCOME);
    return new HealthReading.WindowedRatio(errors, total, growth.span(), skipped, null);
  }

  private List<Tenant> tenants(Environment environment) {
    return client
        .resources(Tenant.class)
        .inNamespace(environment.getMetadata().getNamespace())
        .list()
        .getItems()
        .stream()
        .filter(
            t ->
                t.getSpec() != null
                    && environment.getMetadata().getName().equals(t.getSpec().getEnvironment()))
        .sorted(java.util.Comparator.comparing(t -> t.getMetadata().getName()))
        .toList();
  }

  private static boolean due(SampleSeries series, Instant now) {
    Instant last = series.lastSampleAt();
    return last == null || !now.isBefore(last.plus(MIN_SAMPLE_INTERVAL));
  }

  private static double sumOutcome(Map<String, Double> byKey, String outcome) {
    return byKey.entrySet().stream()
        .filter(e -> e.getKey().endsWith("|" + outcome))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** The three largest contributors, e.g. {@code acme +12, globex +3}. */
  private static String top(Map<String, Double> byKey) {
    return byKey.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .limit(3)
        .map(e -> e.getKey() + " +" + Math.round(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static boolean isBefore(Instant at, Instant horizon) {
    return at == null || at.isBefore(horizon);
  }
}
