package io.stevedore.operator.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the decision function remembers between two decisions about a pool; each decision returns
 * the next history.
 *
 * @param lastObservation the last successful observation, for rates; null before the first
 * @param recommendations recent recommendations, for the stabilization windows
 * @param scaleEvents recent replica changes, for the rate policies
 * @param lastGoodReplicas the replicas decided from the last successful observation
 * @param lastActiveAt when the pool last had work (backlog above activation, or unknown in-flight)
 * @param idle whether the pool is at its idle size
 * @param lastSignals the inputs of the last successful observation
 */
public record ScalingHistory(
    Observation lastObservation,
    RateEstimate rates,
    BacklogAge age,
    List<Recommendation> recommendations,
    List<ScaleEvent> scaleEvents,
    int consecutiveFailures,
    OptionalInt lastGoodReplicas,
    Optional<Instant> lastActiveAt,
    boolean idle,
    Optional<Instant> lastScaleTime,
    Optional<ScalingSignals> lastSignals) {

  /** A recommendation (replicas within bounds, before stabilization) at a time. */
  public record Recommendation(Instant at, int replicas) {}

  /** A change of replicas the autoscaler made: positive up, negative down. */
  public record ScaleEvent(Instant at, int change) {}

  /** Nothing observed yet. */
  public static ScalingHistory initial(ScalingParameters parameters) {
    return new ScalingHistory(
        null,
        RateEstimate.initial(parameters.initialThroughputPerReplica()),
        BacklogAge.EMPTY,
        List.of(),
        List.of(),
        0,
        OptionalInt.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty());
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy of a history with some fields changed. */
  public static final class Builder {
    private Observation lastObservation;
    private RateEstimate rates;
    private BacklogAge age;
    private List<Recommendation> recommendations;
    private List<ScaleEvent> scaleEvents;
    private int consecutiveFailures;
    private OptionalInt lastGoodReplicas;
    private Optional<Instant> lastActiveAt;
    private boolean idle;
    private Optional<Instant> lastScaleTime;
    private Optional<ScalingSignals> lastSignals;

    private Builder(ScalingHistory h) {
      lastObservation = h.lastObservation;
      rates = h.rates;
      age = h.age;
      recommendations = h.recommendations;
      scaleEvents = h.scaleEvents;
      consecutiveFailures = h.consecutiveFailures;
      lastGoodReplicas = h.lastGoodReplicas;
      lastActiveAt = h.lastActiveAt;
      idle = h.idle;
      lastScaleTime = h.lastScaleTime;
      lastSignals = h.lastSignals;
    }

    public Builder observed(Observation observation, RateEstimate rates, BacklogAge age) {
      this.lastObservation = observation;
      this.rates = rates;
      this.age = age;
      return this;
    }

    public Builder recommendations(List<Recommendation> recommendations) {
      this.recommendations = List.copyOf(recommendations);
      return this;
    }

    public Builder scaleEvents(List<ScaleEvent> scaleEvents) {
      this.scaleEvents = List.copyOf(scaleEvents);
      return this;
    }

    public Builder consecutiveFailures(int consecutiveFailures) {
      this.consecutiveFailures = consecutiveFailures;
      return this;
    }

    public Builder lastGoodReplicas(int replicas) {
      this.lastGoodReplicas = OptionalInt.of(replicas);
      return this;
    }

    public Builder lastActiveAt(Instant at) {
      this.lastActiveAt = Optional.of(at);
      return this;
    }

    public Builder idle(boolean idle) {
      this.idle = idle;
      return this;
    }

    public Builder lastScaleTime(Instant at) {
      this.lastScaleTime = Optional.of(at);
      return this;
    }

    public Builder lastSignals(ScalingSignals signals) {
      this.lastSignals = Optional.of(signals);
      return this;
    }

    public ScalingHistory build() {
      return new ScalingHistory(
          lastObservation,
          rates,
          age,
          recommendations,
          scaleEvents,
          consecutiveFailures,
          lastGoodReplicas,
          lastActiveAt,
          idle,
          lastScaleTime,
          lastSignals);
    }
  }
}
