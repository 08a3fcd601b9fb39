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
import io.stevedore.operator.health.HealthReading.WindowedCount;
import io.stevedore.operator.promotion.PromotionStateMachine.Facts;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The facts the state machine tests start from, by name, so that a case is one row of a table: a
 * promotion of 1.5.0 to prod (which ran 1.4.0), with staging as its source where it has one.
 */
final class StateMachineFixtures {
  static final Release V14 = Fixtures.release("1.4.0");
  static final Release V15 = Fixtures.release("1.5.0");
  static final Instant STARTED = T0.plusSeconds(3600);

  private StateMachineFixtures() {}

  /** The facts of a case, {@code seconds} after the promotion started. */
  static Facts facts(
      Start start, Plan plan, Prod prod, Policy policy, Health health, long seconds) {
    Instant now = STARTED.plusSeconds(seconds);
    return new Facts(
        start.promotion(),
        plan.plan(),
        plan.ahead(),
        prod.environment(),
        EffectivePolicy.of(policy.policy(), now),
        health.reading());
  }

  /** The promotion, in the phase a case starts from; it started at STARTED, verified from +10s. */
  enum Start {
    PENDING,
    ROLLING_OUT,
    ROLLING_OUT_WITHOUT_GOOD_RELEASE,
    VERIFYING,
    /** Since +80s, after DeadLetterRateTooHigh. */
    ROLLING_BACK,
    SUCCEEDED;

    Promotion promotion() {
      return switch (this) {
        case PENDING -> Fixtures.promotion("ns", "p", "prod", V15);
        case ROLLING_OUT -> started(PromotionPhase.RollingOut);
        case ROLLING_OUT_WITHOUT_GOOD_RELEASE -> {
          var promotion = started(PromotionPhase.RollingOut);
          promotion.getStatus().setRollbackRelease(null);
          yield promotion;
        }
        case VERIFYING -> started(PromotionPhase.Verifying);
        case ROLLING_BACK -> rollingBack();
        case SUCCEEDED -> started(PromotionPhase.Succeeded);
      };
    }

    private static Promotion started(PromotionPhase phase) {
      var promotion = PENDING.promotion();
      var status = new PromotionStatus();
      status.setPhase(phase);
      status.setRelease(V15);
      status.setRollbackRelease(V14);
      status.setStartedAt(STARTED.toString());
      status.setVerificationStartedAt(STARTED.plusSeconds(10).toString());
      promotion.setStatus(status);
      return promotion;
    }

    private static Promotion rollingBack() {
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
  }

  /** What checking the promotion against its namespace found (Pending only), and its queue. */
  enum Plan {
    /** Past Pending, the plan is not looked at. */
    NONE,
    REJECTED_AS_A_CYCLE,
    /** Resolved, with no source to measure, behind the promotion `first`. */
    QUEUED_BEHIND_FIRST,
    /** Resolved from staging, which still rolls 1.5.0 out. */
    SOURCE_ROLLING_OUT,
    /** Resolved from staging, which runs 1.5.0. */
    SOURCE_RUNS_IT;

    PromotionPlan plan() {
      return switch (this) {
        case NONE -> null;
        case REJECTED_AS_A_CYCLE -> new PromotionPlan.Rejected("PromotionCycle", "prod → prod");
        case QUEUED_BEHIND_FIRST -> resolved(null);
        case SOURCE_ROLLING_OUT -> resolved(rollingOut(running("staging", "1.4.0"), "1.5.0"));
        case SOURCE_RUNS_IT -> resolved(running("staging", "1.5.0"));
      };
    }

    Optional<Promotion> ahead() {
      return this == QUEUED_BEHIND_FIRST
          ? Optional.of(Fixtures.promotion("ns", "first", "prod", V15))
          : Optional.empty();
    }

    private static PromotionPlan resolved(Environment source) {
      return new PromotionPlan.Resolved(V15, running("prod", "1.4.0"), source);
    }
  }

  /** The target environment, prod, as the API server has it. */
  enum Prod {
    RUNS_1_4_0,
    ROLLING_OUT_1_5_0,
    /** Rolled out at +10s. */
    ROLLED_OUT_1_5_0,
    SET_BY_HAND_TO_1_6_0,
    ROLLING_BACK_TO_1_4_0,
    /** Rolled back at STARTED. */
    ROLLED_BACK_TO_1_4_0;

    Environment environment() {
      return switch (this) {
        case RUNS_1_4_0 -> running("prod", "1.4.0");
        case ROLLING_OUT_1_5_0 -> rollingOut(running("prod", "1.4.0"), "1.5.0");
        case ROLLED_OUT_1_5_0 ->
            rolledOut(ROLLING_OUT_1_5_0.environment(), STARTED.plusSeconds(10));
        case SET_BY_HAND_TO_1_6_0 -> rollingOut(running("prod", "1.4.0"), "1.6.0");
        case ROLLING_BACK_TO_1_4_0 -> rollingOut(running("prod", "1.5.0"), "1.4.0");
        case ROLLED_BACK_TO_1_4_0 -> rolledOut(ROLLING_BACK_TO_1_4_0.environment(), STARTED);
      };
    }
  }

  /** prod's promotion policy. */
  enum Policy {
    DEFAULT,
    /** At most 5 dead letters a minute, over the default verification window. */
    DEAD_LETTER_BOUND;

    PromotionPolicy policy() {
      var policy = new PromotionPolicy();
      if (this == DEAD_LETTER_BOUND) {
        var gates = new HealthGates();
        gates.setMaxDeadLetterRatePerMinute(5.0);
        policy.setGates(gates);
        policy.setVerification(new VerificationSpec());
      }
      return policy;
    }
  }

  /** What the health measurement the state machine asked for read. */
  enum Health {
    NOT_MEASURED,
    STAGING_READY,
    PROD_READY,
    /** 30 dead letters in 5 s. */
    PROD_DEAD_LETTERS_RISING,
    PROD_DEAD_LETTERS_UNMEASURABLE;

    HealthReading reading() {
      return switch (this) {
        case NOT_MEASURED -> null;
        case STAGING_READY -> ready("staging");
        case PROD_READY -> ready("prod");
        case PROD_DEAD_LETTERS_RISING ->
            deadLetters(new WindowedCount(30, Duration.ofSeconds(5), "acme +30", null));
        case PROD_DEAD_LETTERS_UNMEASURABLE ->
            deadLetters(WindowedCount.unavailable("broker unreachable"));
      };
    }

    private static HealthReading ready(String environment) {
      return new HealthReading(environment, true, "Available: all good", null, null, null);
    }

    private static HealthReading deadLetters(WindowedCount count) {
      return new HealthReading("prod", true, "Available", null, count, null);
    }
  }
}
