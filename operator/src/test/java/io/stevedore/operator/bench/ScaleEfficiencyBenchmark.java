package io.stevedore.operator.bench;

import io.stevedore.operator.api.RepositoryPaths;
import io.stevedore.operator.api.v1alpha1.ScalingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * `scale-efficiency`: Stevedore's decision function against a model of KEDA + HPA defaults on the
 * same arrival traces, in a simulation; reports replica-seconds and seconds over the
 * oldest-message-age SLO for both, and plots backlog and replicas over time. Also: both against the
 * physical lower bound (the work divided by one replica's rate), and KEDA at every queue-length
 * target from 1 to 30 s of one replica's work, to find the cheapest KEDA setting whose p95
 * oldest-message age is no worse than Stevedore's (the latency-matched comparison). Pods' rates
 * vary by {@link #SERVICE_NOISE} from second to second, so no policy is handed an exact rate.
 */
public final class ScaleEfficiencyBenchmark implements OperatorBenchmark {
  /** Messages per second one worker processes. */
  static final double PER_REPLICA = 20;

  /** Seconds from creating a pod until it consumes (JVM start and readiness). */
  static final double POD_START_SECONDS = 10;

  /** The oldest-message age the platform promises. */
  static final double SLO_SECONDS = 60;

  static final int MAX_REPLICAS = 20;

  /** Both policies get the same drain intent: 30 s of one replica's work per replica. */
  static final int DRAIN_SECONDS = 30;

  /** Each pod's per-second rate varies by up to this fraction, uniformly. */
  static final double SERVICE_NOISE = 0.3;

  static final long NOISE_SEED = 42;

  static final Path PLOT = Path.of("docs", "scale-efficiency.png");

  /** Totals of both policies over all traces. */
  record Totals(
      List<ScaleSimulation.Run> stevedore,
      List<ScaleSimulation.Run> keda,
      double stevedoreReplicaSeconds,
      double kedaReplicaSeconds,
      int stevedoreSlo,
      int kedaSlo) {
    double ratio() {
      return stevedoreReplicaSeconds / kedaReplicaSeconds;
    }
  }

  /** The Stevedore pool of the benchmark: its defaults, with the traces' bounds. */
  static ScalingSpec stevedoreSpec() {
    var spec = new ScalingSpec();
    spec.setMinReplicas(1);
    spec.setMaxReplicas(MAX_REPLICAS);
    spec.setIdleReplicas(0);
    spec.setTargetDrainSeconds(DRAIN_SECONDS);
    return spec;
  }

  /** KEDA's equivalent: queue length PER_REPLICA × DRAIN_SECONDS per replica, idle to zero. */
  static KedaHpaModel keda() {
    return keda(DRAIN_SECONDS);
  }

  /** KEDA with a queue-length target of {@code seconds} of one replica's work per replica. */
  static KedaHpaModel keda(int seconds) {
    return new KedaHpaModel(PER_REPLICA * seconds, 1, MAX_REPLICAS, 0);
  }

  static ScaleSimulation simulation() {
    return new ScaleSimulation(
        PER_REPLICA, POD_START_SECONDS, SLO_SECONDS, SERVICE_NOISE, NOISE_SEED);
  }

  /** The least replica-seconds any policy could use: every message's work at one replica's rate. */
  static double lowerBound(Trace trace) {
    double messages = 0;
    for (double arrivals : trace.arrivals()) {
      messages += arrivals;
    }
    return messages / PER_REPLICA;
  }

  /** KEDA at one queue-length target over every trace. */
  record KedaSetting(int targetSeconds, double replicaSeconds, int sloSeconds, double p95Age) {}

  static List<KedaSetting> kedaSweep() {
    var simulation = simulation();
    List<KedaSetting> settings = new ArrayList<>();
    for (int seconds = 1; seconds <= 30; seconds++) {
      List<ScaleSimulation.Run> runs = new ArrayList<>();
      for (Trace trace : Trace.standard(PER_REPLICA)) {
        runs.add(simulation.run(trace, keda(seconds), 1));
      }
      settings.add(
          new KedaSetting(
              seconds,
              runs.stream().mapToDouble(ScaleSimulation.Run::replicaSeconds).sum(),
              runs.stream().mapToInt(ScaleSimulation.Run::sloSeconds).sum(),
              p95Age(runs)));
    }
    return settings;
  }

  /** The p95 over every second of every run of the oldest waiting message's age. */
  static double p95Age(List<ScaleSimulation.Run> runs) {
    double[] ages =
        runs.stream()
            .flatMap(r -> r.samples().stream())
            .mapToDouble(ScaleSimulation.Sample::oldestAge)
            .sorted()
            .toArray();
    return ages.length == 0 ? 0 : ages[(int) Math.ceil(0.95 * ages.length) - 1];
  }

  static Totals simulate() {
    var simulation = simulation();
    List<ScaleSimulation.Run> stevedore = new ArrayList<>();
    List<ScaleSimulation.Run> keda = new ArrayList<>();
    for (Trace trace : Trace.standard(PER_REPLICA)) {
      stevedore.add(simulation.run(trace, new StevedorePolicy(stevedoreSpec()), 1));
      keda.add(simulation.run(trace, keda(), 1));
    }
    return new Totals(
        stevedore,
        keda,
        stevedore.stream().mapToDouble(ScaleSimulation.Run::replicaSeconds).sum(),
        keda.stream().mapToDouble(ScaleSimulation.Run::replicaSeconds).sum(),
        stevedore.stream().mapToInt(ScaleSimulation.Run::sloSeconds).sum(),
        keda.stream().mapToInt(ScaleSimulation.Run::sloSeconds).sum());
  }

  @Override
  public String run() throws Exception {
    Totals totals = simulate();
    System.out.printf(
        Locale.ROOT,
        "%-14s %16s %16s %7s %10s %10s %12s %12s%n",
        "trace",
        "stevedore rep-s",
        "keda rep-s",
        "ratio",
        "slo_s",
        "keda_slo_s",
        "max age s",
        "keda max age");
    for (int i = 0; i < totals.stevedore().size(); i++) {
      var s = totals.stevedore().get(i);
      var k = totals.keda().get(i);
      System.out.printf(
          Locale.ROOT,
          "%-14s %16.0f %16.0f %7.2f %10d %10d %12.1f %12.1f%n",
          s.trace(),
          s.replicaSeconds(),
          k.replicaSeconds(),
          s.replicaSeconds() / k.replicaSeconds(),
          s.sloSeconds(),
          k.sloSeconds(),
          maxAge(s),
          maxAge(k));
    }
    double lower =
        Trace.standard(PER_REPLICA).stream()
            .mapToDouble(ScaleEfficiencyBenchmark::lowerBound)
            .sum();
    double stevedoreP95 = p95Age(totals.stevedore());
    System.out.printf(
        Locale.ROOT,
        "lower bound %.0f replica-s: stevedore %.2fx, keda (%d s target) %.2fx; p95 oldest age"
            + " stevedore %.1f s%n",
        lower,
        totals.stevedoreReplicaSeconds() / lower,
        DRAIN_SECONDS,
        totals.kedaReplicaSeconds() / lower,
        stevedoreP95);
    System.out.printf(
        Locale.ROOT,
        "%-16s %12s %8s %10s %12s%n",
        "keda target s",
        "replica-s",
        "x lower",
        "slo_s",
        "p95 age s");
    List<KedaSetting> sweep = kedaSweep();
    for (KedaSetting k : sweep) {
      System.out.printf(
          Locale.ROOT,
          "%-16d %12.0f %8.2f %10d %12.1f%n",
          k.targetSeconds(),
          k.replicaSeconds(),
          k.replicaSeconds() / lower,
          k.sloSeconds(),
          k.p95Age());
    }
    // Latency-matched: the cheapest KEDA target whose p95 oldest age is no worse than Stevedore's.
    KedaSetting matched =
        sweep.stream()
            .filter(k -> k.p95Age() <= stevedoreP95 + 1e-9)
            .min(java.util.Comparator.comparingDouble(KedaSetting::replicaSeconds))
            .orElseGet(
                () ->
                    sweep.stream()
                        .min(
                            java.util.Comparator.comparingDouble(KedaSetting::p95Age)
                                .thenComparingDouble(KedaSetting::replicaSeconds))
                        .orElseThrow());
    boolean anyMatched = sweep.stream().anyMatch(k -> k.p95Age() <= stevedoreP95 + 1e-9);
    System.out.printf(
        Locale.ROOT,
        "latency-matched KEDA, %s target %d s, %.0f replica-s (p95 age %.1f s); Stevedore/KEDA %.3f%n",
        anyMatched
            ? "the cheapest at or under Stevedore's p95 age:"
            : "none reaches Stevedore's p95 age; the youngest,",
        matched.targetSeconds(),
        matched.replicaSeconds(),
        matched.p95Age(),
        totals.stevedoreReplicaSeconds() / matched.replicaSeconds());
    Path plot = RepositoryPaths.root().resolve(PLOT);
    ScalePlot.write(plot, totals.stevedore(), totals.keda(), SLO_SECONDS);
    System.out.println("plot: " + plot);
    return String.format(
        Locale.ROOT,
        "RESULT scale-efficiency %.0f replica-s ratio=%.3f slo_s=%d keda_slo_s=%d keda_replica_s=%.0f"
            + " max_age_s=%.1f keda_max_age_s=%.1f traces=%d lower_bound_ratio=%.2f"
            + " keda_lower_bound_ratio=%.2f p95_age_s=%.1f matched_keda_target_s=%d"
            + " matched_keda_p95_age_s=%.1f matched_ratio=%.3f",
        totals.stevedoreReplicaSeconds(),
        totals.ratio(),
        totals.stevedoreSlo(),
        totals.kedaSlo(),
        totals.kedaReplicaSeconds(),
        totals.stevedore().stream().mapToDouble(ScaleEfficiencyBenchmark::maxAge).max().orElse(0),
        totals.keda().stream().mapToDouble(ScaleEfficiencyBenchmark::maxAge).max().orElse(0),
        totals.stevedore().size(),
        totals.stevedoreReplicaSeconds() / lower,
        totals.kedaReplicaSeconds() / lower,
        stevedoreP95,
        matched.targetSeconds(),
        matched.p95Age(),
        totals.stevedoreReplicaSeconds() / matched.replicaSeconds());
  }

  /** The oldest any message got in a run. */
  static double maxAge(ScaleSimulation.Run run) {
    return run.samples().stream().mapToDouble(ScaleSimulation.Sample::oldestAge).max().orElse(0);
  }
}
