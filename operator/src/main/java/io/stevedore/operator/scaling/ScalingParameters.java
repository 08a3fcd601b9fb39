package io.stevedore.operator.scaling;

import io.stevedore.operator.api.v1alpha1.ScalingFallback;
import io.stevedore.operator.api.v1alpha1.ScalingPolicy;
import io.stevedore.operator.api.v1alpha1.ScalingRules;
import io.stevedore.operator.api.v1alpha1.ScalingSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A pool's scaling spec with every default filled in: what the decision function works from.
 *
 * @param idleReplicas replicas when idle; empty keeps the pool at minReplicas
 * @param targetBacklogPerReplica KEDA-style backlog target; empty: drain-time sizing alone
 * @param tolerance fraction of the current replicas within which no change is made
 * @param fallbackReplicas replicas under the FixedReplicas fallback; empty holds the last good size
 */
public record ScalingParameters(
    int minReplicas,
    int maxReplicas,
    OptionalInt idleReplicas,
    Duration idleAfter,
    long activationBacklog,
    Duration targetDrain,
    OptionalLong targetBacklogPerReplica,
    double initialThroughputPerReplica,
    double tolerance,
    Duration pollInterval,
    DirectionRules scaleUp,
    DirectionRules scaleDown,
    int failureThreshold,
    OptionalInt fallbackReplicas) {

  /** HPA-style limits of one direction, defaults applied. */
  public record DirectionRules(
      Duration stabilizationWindow, ScalingRules.SelectPolicy select, List<Limit> policies) {

    boolean disabled() {
      return select == ScalingRules.SelectPolicy.Disabled;
    }
  }

  /** One rate limit: {@code value} pods or percent per {@code period}. */
  public record Limit(ScalingPolicy.Type type, int value, Duration period) {}

  /** Scale-up defaults: no stabilization; per second at most the larger of +10 pods and +100 %. */
  static final DirectionRules DEFAULT_SCALE_UP =
      new DirectionRules(
          Duration.ZERO,
          ScalingRules.SelectPolicy.Max,
          List.of(
              new Limit(ScalingPolicy.Type.Pods, 10, Duration.ofSeconds(1)),
              new Limit(ScalingPolicy.Type.Percent, 100, Duration.ofSeconds(1))));

  /** Scale-down defaults: the highest recommendation of 30 s wins; at most -100 % per 15 s. */
  static final DirectionRules DEFAULT_SCALE_DOWN =
      new DirectionRules(
          Duration.ofSeconds(30),
          ScalingRules.SelectPolicy.Max,
          List.of(new Limit(ScalingPolicy.Type.Percent, 100, Duration.ofSeconds(15))));

  /** The parameters of {@code spec} (null: all defaults). */
  public static ScalingParameters of(ScalingSpec spec) {
    ScalingSpec s = spec == null ? new ScalingSpec() : spec;
    ScalingSpec defaults = new ScalingSpec();
    ScalingFallback fallback = Objects.requireNonNullElseGet(s.getFallback(), ScalingFallback::new);
    var behavior = s.getBehavior();
    return new ScalingParameters(
        Objects.requireNonNullElse(s.getMinReplicas(), defaults.getMinReplicas()),
        Objects.requireNonNullElse(s.getMaxReplicas(), defaults.getMaxReplicas()),
        s.getIdleReplicas() == null ? OptionalInt.empty() : OptionalInt.of(s.getIdleReplicas()),
        seconds(s.getIdleAfterSeconds(), defaults.getIdleAfterSeconds()),
        Objects.requireNonNullElse(s.getActivationBacklog(), 0L),
        seconds(s.getTargetDrainSeconds(), defaults.getTargetDrainSeconds()),
        s.getTargetBacklogPerReplica() == null
            ? OptionalLong.empty()
            : OptionalLong.of(s.getTargetBacklogPerReplica()),
        Objects.requireNonNullElse(
            s.getInitialThroughputPerReplica(), defaults.getInitialThroughputPerReplica()),
        Objects.requireNonNullElse(s.getTolerancePercent(), defaults.getTolerancePercent()) / 100.0,
        seconds(s.getPollIntervalSeconds(), defaults.getPollIntervalSeconds()),
        rules(behavior == null ? null : behavior.getScaleUp(), DEFAULT_SCALE_UP),
        rules(behavior == null ? null : behavior.getScaleDown(), DEFAULT_SCALE_DOWN),
        Objects.requireNonNullElse(fallback.getFailureThreshold(), 3),
        fallback.getBehavior() == ScalingFallback.Behavior.FixedReplicas
                && fallback.getReplicas() != null
            ? OptionalInt.of(fallback.getReplicas())
            : OptionalInt.empty());
  }

  /** The lowest replica count the autoscaler sets: idleReplicas when set, else minReplicas. */
  public int floor() {
    return Math.min(minReplicas, idleReplicas.orElse(minReplicas));
  }

  /** How long recommendations matter: the longer stabilization window. */
  Duration recommendationRetention() {
    return max(scaleUp.stabilizationWindow(), scaleDown.stabilizationWindow());
  }

  /** How long replica changes matter: the longest policy period. */
  Duration eventRetention() {
    Duration longest = Duration.ZERO;
    for (var rules : List.of(scaleUp, scaleDown)) {
      for (Limit limit : rules.policies()) {
        longest = max(longest, limit.period());
      }
    }
    return longest;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static DirectionRules rules(ScalingRules rules, DirectionRules defaults) {
    if (rules == null) {
      return defaults;
    }
    List<Limit> limits =
        rules.getPolicies() == null || rules.getPolicies().isEmpty()
            ? defaults.policies()
            : rules.getPolicies().stream()
                .map(
                    p ->
                        new Limit(
                            p.getType(), p.getValue(), Duration.ofSeconds(p.getPeriodSeconds())))
                .toList();
    return new DirectionRules(
        rules.getStabilizationWindowSeconds() == null
            ? defaults.stabilizationWindow()
            : Duration.ofSeconds(rules.getStabilizationWindowSeconds()),
        Objects.requireNonNullElse(rules.getSelectPolicy(), defaults.select()),
        limits);
  }

  private static Duration seconds(Integer value, int fallback) {
    return Duration.ofSeconds(Objects.requireNonNullElse(value, fallback));
  }
}
