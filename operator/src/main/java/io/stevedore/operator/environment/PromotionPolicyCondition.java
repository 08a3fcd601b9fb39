package io.stevedore.operator.environment;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.EnvironmentStatus;
import io.stevedore.operator.release.PromotionChain;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.status.EventRecorder;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The Environment's `PromotionPolicy` condition: False when its `spec.promotion.from` chain runs
 * into a loop (every promotion into it would be rejected); it does not affect Ready, since the
 * release that runs is unaffected.
 */
final class PromotionPolicyCondition {
  static final String TYPE = "PromotionPolicy";

  private PromotionPolicyCondition() {}

  /**
   * Sets the condition on {@code status} and records an Event when its verdict changes.
   *
   * @param sources each Environment of the namespace's `promotion.from`, by name
   */
  static void apply(
      EnvironmentStatus status,
      Environment environment,
      Map<String, String> sources,
      EventRecorder events,
      Instant now) {
    String name = environment.getMetadata().getName();
    var policy = environment.getSpec().getPromotion();
    String from = policy == null ? null : policy.getFrom();
    var previous = Conditions.find(status.getConditions(), TYPE);
    var cycle =
        PromotionChain.cycle(name, n -> n.equals(name) ? from : sources.get(n))
            .filter(c -> c.contains(name));
    boolean valid = cycle.isEmpty();
    String reason = valid ? (from == null ? "NoSource" : "Valid") : "PromotionCycle";
    String message =
        valid
            ? (from == null
                ? "any release may be promoted here"
                : "releases are promoted here from " + from)
            : "spec.promotion.from loops: "
                + PromotionChain.describe(cycle.get())
                + "; every promotion into "
                + name
                + " is rejected until the loop is broken";
    Conditions.set(
        status.getConditions(),
        TYPE,
        valid,
        reason,
        message,
        environment.getMetadata().getGeneration(),
        now);
    if (previous.isEmpty() || !Objects.equals(previous.get().getReason(), reason)) {
      if (valid) {
        if (previous.isPresent()) {
          events.normal(environment, reason, message);
        }
      } else {
        events.warning(environment, reason, message);
      }
    }
  }
}
