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
 * oldest-message-age SLO for both, and plots backlog and replicas over time.
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
    return new KedaHpaModel(PER_REPLICA * DRAIN_SECONDS, 1, MAX_REPLICAS, 0);
  }

  static Totals simulate() {
    var simulation = new ScaleSimulation(PER_REPLICA, POD_START_SECONDS, SLO_SECONDS);
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
    Path plot = RepositoryPaths.root().resolve(PLOT);
    ScalePlot.write(plot, totals.stevedore(), totals.keda(), SLO_SECONDS);
    System.out.println("plot: " + plot);
    return String.format(
        Locale.ROOT,
        "RESULT scale-efficiency %.0f replica-s ratio=%.3f slo_s=%d keda_slo_s=%d keda_replica_s=%.0f"
            + " max_age_s=%.1f keda_max_age_s=%.1f traces=%d",
        totals.stevedoreReplicaSeconds(),
        totals.ratio(),
        totals.stevedoreSlo(),
        totals.kedaSlo(),
        totals.kedaReplicaSeconds(),
        totals.stevedore().stream().mapToDouble(ScaleEfficiencyBenchmark::maxAge).max().orElse(0),
        totals.keda().stream().mapToDouble(ScaleEfficiencyBenchmark::maxAge).max().orElse(0),
        totals.stevedore().size());
  }

  /** The oldest any message got in a run. */
  static double maxAge(ScaleSimulation.Run run) {
    return run.samples().stream().mapToDouble(ScaleSimulation.Sample::oldestAge).max().orElse(0);
  }
}
