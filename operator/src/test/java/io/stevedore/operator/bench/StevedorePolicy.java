package io.stevedore.operator.bench;

import io.stevedore.operator.api.v1alpha1.ScalingSpec;
import io.stevedore.operator.scaling.Autoscaler;
import io.stevedore.operator.scaling.Observation;
import io.stevedore.operator.scaling.Pause;
import io.stevedore.operator.scaling.PodSample;
import io.stevedore.operator.scaling.QueueDepth;
import io.stevedore.operator.scaling.ScalingHistory;
import io.stevedore.operator.scaling.ScalingInputs;
import io.stevedore.operator.scaling.ScalingParameters;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Stevedore's real decision function, polled every pollIntervalSeconds, in the simulation. */
final class StevedorePolicy implements ScaleSimulation.Policy {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final ScalingParameters parameters;
  private ScalingHistory history;
  private double nextPoll;
  private int replicas;

  StevedorePolicy(ScalingSpec spec) {
    this.parameters = ScalingParameters.of(spec);
    this.history = ScalingHistory.initial(parameters);
  }

  @Override
  public String name() {
    return "Stevedore";
  }

  @Override
  public int decide(double now, ScaleSimulation.PoolView pool) {
    replicas = pool.replicas();
    if (now < nextPoll) {
      return replicas;
    }
    nextPoll = now + parameters.pollInterval().toSeconds();
    Instant at = EPOCH.plusMillis((long) (now * 1000));
    var pods =
        pool.pods().stream()
            .map(
                p ->
                    new PodSample(
                        p.name(),
                        p.ready(),
                        false,
                        OptionalInt.of((int) Math.round(p.inFlight())),
                        OptionalLong.of((long) Math.floor(p.processed())),
                        OptionalDouble.of(p.busySeconds())))
            .toList();
    int readyPods = (int) pool.pods().stream().filter(ScaleSimulation.PodView::ready).count();
    var observation =
        new Observation(
            at,
            new QueueDepth(
                1,
                Math.round(pool.ready()),
                OptionalLong.of(Math.round(pool.unacked())),
                OptionalLong.empty(),
                OptionalInt.of(readyPods),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                ""),
            readyPods,
            pods);
    var decision =
        Autoscaler.decide(
            new ScalingInputs(
                parameters,
                Pause.NONE,
                replicas,
                observation,
                Optional.empty(),
                List.of(),
                history,
                at));
    history = decision.next();
    replicas = decision.desiredReplicas();
    return replicas;
  }
}
