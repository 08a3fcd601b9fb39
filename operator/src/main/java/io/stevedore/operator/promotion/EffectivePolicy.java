package io.stevedore.operator.promotion;

import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.PromotionPolicy;
import io.stevedore.operator.api.v1alpha1.VerificationSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * A target Environment's promotion policy with every default applied, and the time of judgement.
 *
 * @param gates the health bounds (unset bounds are not checked)
 * @param gatesWindow how far back the rate gates look before a rollout
 * @param soak how long the release must have run in the source
 * @param verificationWindow how long the verification gates must hold
 * @param rolloutTimeout how long a rollout (or a rollback) may take
 */
record EffectivePolicy(
    HealthGates gates,
    Duration gatesWindow,
    Duration soak,
    boolean requireApproval,
    Duration verificationWindow,
    Duration rolloutTimeout,
    Instant now) {

  static EffectivePolicy of(PromotionPolicy policy, Instant now) {
    var p = policy == null ? new PromotionPolicy() : policy;
    var gates = p.getGates() == null ? new HealthGates() : p.getGates();
    var verification = p.getVerification() == null ? new VerificationSpec() : p.getVerification();
    return new EffectivePolicy(
        gates,
        Duration.ofSeconds(orDefault(gates.getWindowSeconds(), 60)),
        Duration.ofSeconds(orDefault(p.getSoakSeconds(), 0)),
        Boolean.TRUE.equals(p.getRequireApproval()),
        Duration.ofSeconds(orDefault(verification.getWindowSeconds(), 60)),
        Duration.ofSeconds(orDefault(verification.getRolloutTimeoutSeconds(), 600)),
        now);
  }

  /** Whether any gate needs the broker, pods or WorkerPools measured (Ready is always known). */
  boolean measuresHealth() {
    return gates.getMaxBacklogAgeSeconds() != null
        || gates.getMaxDeadLetterRatePerMinute() != null
        || gates.getMaxIngestErrorRatio() != null;
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
