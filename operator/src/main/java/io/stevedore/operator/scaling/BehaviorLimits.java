package io.stevedore.operator.scaling;

import io.stevedore.operator.api.v1alpha1.ScalingPolicy;
import io.stevedore.operator.api.v1alpha1.ScalingRules;
import io.stevedore.operator.scaling.ScalingHistory.Recommendation;
import io.stevedore.operator.scaling.ScalingHistory.ScaleEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The HPA's behaviour algorithm (stabilization windows, then rate policies), as in
 * kube-controller-manager's horizontal.go: stabilizeRecommendationWithBehaviors and
 * calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors.
 */
final class BehaviorLimits {
  private BehaviorLimits() {}

  /** A replica count and the rule that settled it (null: unchanged by this step). */
  record Limited(int replicas, ScalingRule rule) {}

  /**
   * Scaling up follows the lowest recommendation of the scale-up window, scaling down the highest
   * of the scale-down window, both including {@code recommended} itself.
   */
  static Limited stabilize(
      int recommended,
      int current,
      List<Recommendation> history,
      ScalingParameters parameters,
      Instant now) {
    int up = recommended;
    int down = recommended;
    Instant upSince = now.minus(parameters.scaleUp().stabilizationWindow());
    Instant downSince = now.minus(parameters.scaleDown().stabilizationWindow());
    for (Recommendation past : history) {
      if (past.at().isAfter(upSince)) {
        up = Math.min(up, past.replicas());
      }
      if (past.at().isAfter(downSince)) {
        down = Math.max(down, past.replicas());
      }
    }
    int stabilized = current;
    if (stabilized < up) {
      stabilized = up;
    }
    if (stabilized > down) {
      stabilized = down;
    }
    if (stabilized == recommended) {
      return new Limited(stabilized, null);
    }
    return new Limited(
        stabilized,
        stabilized > recommended
            ? ScalingRule.ScaleDownStabilization
            : ScalingRule.ScaleUpStabilization);
  }

  /** Limits the change from {@code current} to {@code wanted} by the direction's policies. */
  static Limited rate(
      int wanted, int current, List<ScaleEvent> events, ScalingParameters parameters, Instant now) {
    if (wanted > current) {
      var rules = parameters.scaleUp();
      if (rules.disabled()) {
        return new Limited(current, ScalingRule.ScaleUpDisabled);
      }
      int limit = rules.select() == ScalingRules.SelectPolicy.Min ? Integer.MAX_VALUE : 0;
      for (var policy : rules.policies()) {
        int start = Math.max(periodStart(current, events, policy.period(), now), 0);
        int policyLimit =
            policy.type() == ScalingPolicy.Type.Pods
                ? start + policy.value()
                // A pool at zero grows by whole pods: percent of zero would never move it.
                : (int) Math.ceil(Math.max(start, 1) * (1 + policy.value() / 100.0));
        limit =
            rules.select() == ScalingRules.SelectPolicy.Min
                ? Math.min(limit, policyLimit)
                : Math.max(limit, policyLimit);
      }
      return wanted > limit
          ? new Limited(Math.max(limit, current), ScalingRule.ScaleUpPolicy)
          : new Limited(wanted, null);
    }
    if (wanted < current) {
      var rules = parameters.scaleDown();
      if (rules.disabled()) {
        return new Limited(current, ScalingRule.ScaleDownDisabled);
      }
      int limit =
          rules.select() == ScalingRules.SelectPolicy.Min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
      for (var policy : rules.policies()) {
        int start = periodStart(current, events, policy.period(), now);
        int policyLimit =
            policy.type() == ScalingPolicy.Type.Pods
                ? start - policy.value()
                : (int) (start * (1 - policy.value() / 100.0));
        limit =
            rules.select() == ScalingRules.SelectPolicy.Min
                ? Math.max(limit, policyLimit)
                : Math.min(limit, policyLimit);
      }
      return wanted < limit
          ? new Limited(Math.min(limit, current), ScalingRule.ScaleDownPolicy)
          : new Limited(wanted, null);
    }
    return new Limited(wanted, null);
  }

  /** Replicas at the start of the policy's period: the changes made within it undone. */
  private static int periodStart(
      int current, List<ScaleEvent> events, Duration period, Instant now) {
    Instant since = now.minus(period);
    int changed = 0;
    for (ScaleEvent event : events) {
      if (event.at().isAfter(since)) {
        changed += event.change();
      }
    }
    return current - changed;
  }
}
