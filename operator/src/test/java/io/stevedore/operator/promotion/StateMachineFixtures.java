package io.stevedore.operator.promotion;

import static io.stevedore.operator.promotion.Environments.T0;
import static io.stevedore.operator.promotion.Environments.rolledOut;
import static io.stevedore.operator.promotion.Environments.rollingOut;
import static io.stevedore.operator.promotion.Environments.running;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionPolicy;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.api.v1alpha1.VerificationSpec;
import io.stevedore.operator.health.HealthReading;
import io.stevedore.operator.promotion.PromotionStateMachine.Facts;
import io.stevedore.operator.promotion.PromotionStateMachine.Transition;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import java.time.Instant;
import java.util.Optional;

/** The promotions, environments and facts the state machine tests start from. */
final class StateMachineFixtures {
  static final Release V14 = Fixtures.release("1.4.0");
  static final Release V15 = Fixtures.release("1.5.0");
  static final Instant STARTED = T0.plusSeconds(3600);

  private StateMachineFixtures() {}

  static Transition next(
      Promotion promotion,
      PromotionPlan plan,
      Optional<Promotion> ahead,
      Environment target,
      PromotionPolicy policy,
      HealthReading health,
      Instant now) {
    return PromotionStateMachine.next(facts(promotion, plan, ahead, target, policy, health, now));
  }

  static Facts facts(
      Promotion promotion,
      PromotionPlan plan,
      Optional<Promotion> ahead,
      Environment target,
      PromotionPolicy policy,
      HealthReading health,
      Instant now) {
    return new Facts(promotion, plan, ahead, target, EffectivePolicy.of(policy, now), health);
  }

  static PromotionPlan resolved(Environment source) {
    return new PromotionPlan.Resolved(V15, running("prod", "1.4.0"), source);
  }

  static Promotion pending() {
    return Fixtures.promotion("ns", "p", "prod", V15);
  }

  /** A promotion of 1.5.0 that started at STARTED; verifying from STARTED + 10 s. */
  static Promotion started(PromotionPhase phase) {
    var promotion = pending();
    var status = new PromotionStatus();
    status.setPhase(phase);
    status.setRelease(V15);
    status.setRollbackRelease(V14);
    status.setStartedAt(STARTED.toString());
    status.setVerificationStartedAt(STARTED.plusSeconds(10).toString());
    promotion.setStatus(status);
    return promotion;
  }

  static Promotion rollingBack() {
    var promotion = started(PromotionPhase.RollingBack);
    promotion.getStatus().setRollbackStartedAt(STARTED.plusSeconds(80).toString());
    Conditions.set(
        promotion.getStatus().getConditions(),
        "Succeeded",
        false,
        "DeadLetterRateTooHigh",
        "verification failed: too many; rolling back to 1.4.0",
        1L,
        STARTED);
    return promotion;
  }

  static Environment promoted() {
    return rolledOut(rollingOut(running("prod", "1.4.0"), "1.5.0"), STARTED.plusSeconds(10));
  }

  static HealthReading ready(String environment) {
    return new HealthReading(environment, true, "Available: all good", null, null, null);
  }

  static PromotionPolicy policy() {
    return new PromotionPolicy();
  }

  static PromotionPolicy policyWithDeadLetterBound() {
    var policy = new PromotionPolicy();
    var gates = new HealthGates();
    gates.setMaxDeadLetterRatePerMinute(5.0);
    policy.setGates(gates);
    policy.setVerification(new VerificationSpec());
    return policy;
  }
}
