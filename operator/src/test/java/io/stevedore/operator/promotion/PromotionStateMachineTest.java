package io.stevedore.operator.promotion;

import static io.stevedore.operator.promotion.Environments.T0;
import static io.stevedore.operator.promotion.Environments.rolledOut;
import static io.stevedore.operator.promotion.Environments.rollingOut;
import static io.stevedore.operator.promotion.Environments.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionPolicy;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.api.v1alpha1.VerificationSpec;
import io.stevedore.operator.health.HealthReading;
import io.stevedore.operator.promotion.PromotionStateMachine.Action;
import io.stevedore.operator.promotion.PromotionStateMachine.Facts;
import io.stevedore.operator.promotion.PromotionStateMachine.Transition;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every transition of a promotion's phases, from the facts the reconciler gathers. */
class PromotionStateMachineTest {
  private static final Release V14 = Fixtures.release("1.4.0");
  private static final Release V15 = Fixtures.release("1.5.0");
  private static final Instant STARTED = T0.plusSeconds(3600);

  @Test
  void anInvalidPromotionFailsAtOnceWithTheReason() {
    var t =
        next(
            pending(),
            new PromotionPlan.Rejected("PromotionCycle", "prod → prod"),
            Optional.empty(),
            running("prod", "1.4.0"),
            policy(),
            null,
            STARTED);

    assertThat(t.phase()).isEqualTo(PromotionPhase.Failed);
    assertThat(t.reason()).isEqualTo("PromotionCycle");
    assertThat(t.status().getFinishedAt()).isEqualTo(STARTED.toString());
    assertThat(t.action()).isEqualTo(Action.NONE);
  }

  @Test
  void aPromotionBehindAnotherWaitsWithoutMeasuringAnything() {
    var ahead = Fixtures.promotion("ns", "first", "prod", V15);
    var facts =
        facts(
            pending(),
            resolved(null),
            Optional.of(ahead),
            running("prod", "1.4.0"),
            policy(),
            null,
            STARTED);

    var t = PromotionStateMachine.next(facts);

    assertThat(PromotionStateMachine.measure(facts)).isEmpty();
    assertThat(t.phase()).isEqualTo(PromotionPhase.Pending);
    assertThat(t.reason()).isEqualTo("Queued");
    assertThat(t.message()).contains("first");
    assertThat(t.requeue()).isNull();
  }

  @Test
  void aBlockedGateHoldsThePromotionAndSaysWhichGateWithValueAndBound() {
    var source = Environments.rollingOut(running("staging", "1.4.0"), "1.5.0");
    var facts =
        facts(
            pending(),
            resolved(source),
            Optional.empty(),
            running("prod", "1.4.0"),
            policy(),
            ready("staging"),
            STARTED);

    var t = PromotionStateMachine.next(facts);

    assertThat(PromotionStateMachine.measure(facts))
        .hasValueSatisfying(m -> assertThat(m.environment()).isEqualTo("staging"));
    assertThat(t.phase()).isEqualTo(PromotionPhase.Pending);
    assertThat(t.reason()).isEqualTo("SourceRollingOut");
    assertThat(t.message()).contains("SourceRelease on staging: 1.4.0 (bound 1.5.0 verified)");
    assertThat(t.action()).isEqualTo(Action.NONE);
    assertThat(t.requeue()).isPositive();
  }

  @Test
  void whenEveryGatePassesTheReleaseIsSetAndTheLastGoodOneRememberedForRollback() {
    var t =
        next(
            pending(),
            resolved(running("staging", "1.5.0")),
            Optional.empty(),
            running("prod", "1.4.0"),
            policy(),
            ready("staging"),
            STARTED);

    assertThat(t.phase()).isEqualTo(PromotionPhase.RollingOut);
    assertThat(t.action()).isEqualTo(Action.SET_RELEASE);
    assertThat(t.release().sameAs(V15)).isTrue();
    assertThat(t.status().getRollbackRelease().sameAs(V14)).isTrue();
    assertThat(t.status().getStartedAt()).isEqualTo(STARTED.toString());
    assertThat(t.status().getSourceEnvironment()).isEqualTo("staging");
    assertThat(t.message()).isEqualTo("rolling out 1.5.0 to prod (was 1.4.0)");
  }

  @Test
  void whileRollingOutItWaitsAndLooksAgainBeforeTheTimeout() {
    var t =
        next(
            started(PromotionPhase.RollingOut),
            null,
            Optional.empty(),
            rollingOut(running("prod", "1.4.0"), "1.5.0"),
            policy(),
            null,
            STARTED.plusSeconds(10));

    assertThat(t.phase()).isEqualTo(PromotionPhase.RollingOut);
    assertThat(t.requeue()).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aFinishedRolloutStartsTheVerificationWindow() {
    Instant now = STARTED.plusSeconds(10);
    var t =
        next(
            started(PromotionPhase.RollingOut),
            null,
            Optional.empty(),
            rolledOut(rollingOut(running("prod", "1.4.0"), "1.5.0"), now),
            policy(),
            null,
            now);

    assertThat(t.phase()).isEqualTo(PromotionPhase.Verifying);
    assertThat(t.status().getVerificationStartedAt()).isEqualTo(now.toString());
    var facts =
        facts(
            started(PromotionPhase.RollingOut),
            null,
            Optional.empty(),
            rolledOut(rollingOut(running("prod", "1.4.0"), "1.5.0"), now),
            policy(),
            null,
            now);
    assertThat(PromotionStateMachine.measure(facts))
        .as("the baseline sample of the verification window")
        .hasValueSatisfying(m -> assertThat(m.environment()).isEqualTo("prod"));
  }

  @Test
  void aRolloutThatDoesNotFinishInTimeRollsBack() {
    var t =
        next(
            started(PromotionPhase.RollingOut),
            null,
            Optional.empty(),
            rollingOut(running("prod", "1.4.0"), "1.5.0"),
            policy(),
            null,
            STARTED.plusSeconds(601));

    assertThat(t.phase()).isEqualTo(PromotionPhase.RollingBack);
    assertThat(t.reason()).isEqualTo("RolloutTimedOut");
    assertThat(t.action()).isEqualTo(Action.ROLL_BACK);
    assertThat(t.release().sameAs(V14)).isTrue();
    assertThat(t.message()).contains("did not finish within 600s");
  }

  @Test
  void withoutAnEarlierGoodReleaseAFailedRolloutFailsAndKeepsTheRelease() {
    var promotion = started(PromotionPhase.RollingOut);
    promotion.getStatus().setRollbackRelease(null);

    var t =
        next(
            promotion,
            null,
            Optional.empty(),
            rollingOut(running("prod", "1.4.0"), "1.5.0"),
            policy(),
            null,
            STARTED.plusSeconds(601));

    assertThat(t.phase()).isEqualTo(PromotionPhase.Failed);
    assertThat(t.action()).isEqualTo(Action.NONE);
    assertThat(t.message()).contains("no earlier good release", "keeps 1.5.0");
  }

  @Test
  void aReleaseChangedByHandSupersedesThePromotion() {
    var t =
        next(
            started(PromotionPhase.Verifying),
            null,
            Optional.empty(),
            rollingOut(running("prod", "1.4.0"), "1.6.0"),
            policy(),
            ready("prod"),
            STARTED.plusSeconds(30));

    assertThat(t.phase()).isEqualTo(PromotionPhase.Failed);
    assertThat(t.reason()).isEqualTo("Superseded");
    assertThat(t.action()).isEqualTo(Action.NONE);
  }

  @Test
  void aGateFailingDuringVerificationRollsBackAtOnceWithTheGateAsReason() {
    var unhealthy =
        new HealthReading(
            "prod",
            true,
            "Available",
            null,
            new HealthReading.WindowedCount(30, Duration.ofSeconds(5), "acme +30", null),
            null);

    var t =
        next(
            started(PromotionPhase.Verifying),
            null,
            Optional.empty(),
            promoted(),
            policyWithDeadLetterBound(),
            unhealthy,
            STARTED.plusSeconds(15));

    assertThat(t.phase()).isEqualTo(PromotionPhase.RollingBack);
    assertThat(t.reason()).isEqualTo("DeadLetterRateTooHigh");
    assertThat(t.message())
        .contains(
            "verification failed: DeadLetterRate on prod", "acme +30", "rolling back to 1.4.0");
    assertThat(t.action()).isEqualTo(Action.ROLL_BACK);
  }

  @Test
  void verificationContinuesUntilTheWindowHasPassed() {
    var t =
        next(
            started(PromotionPhase.Verifying),
            null,
            Optional.empty(),
            promoted(),
            policy(),
            ready("prod"),
            STARTED.plusSeconds(40));

    assertThat(t.phase()).isEqualTo(PromotionPhase.Verifying);
    assertThat(t.message()).contains("30s of 60s");
    assertThat(t.requeue()).isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void gatesThatHeldForTheWholeWindowSucceed() {
    var t =
        next(
            started(PromotionPhase.Verifying),
            null,
            Optional.empty(),
            promoted(),
            policy(),
            ready("prod"),
            STARTED.plusSeconds(70));

    assertThat(t.phase()).isEqualTo(PromotionPhase.Succeeded);
    assertThat(t.reason()).isEqualTo("Succeeded");
    assertThat(t.requeue()).isNull();
  }

  @Test
  void aGateThatCannotBeMeasuredPastTheWindowRollsBack() {
    var blind =
        new HealthReading(
            "prod",
            true,
            "Available",
            null,
            HealthReading.WindowedCount.unavailable("broker unreachable"),
            null);

    var during =
        next(
            started(PromotionPhase.Verifying),
            null,
            Optional.empty(),
            promoted(),
            policyWithDeadLetterBound(),
            blind,
            STARTED.plusSeconds(70));
    var after =
        next(
            started(PromotionPhase.Verifying),
            null,
            Optional.empty(),
            promoted(),
            policyWithDeadLetterBound(),
            blind,
            STARTED.plusSeconds(131));

    assertThat(during.phase()).isEqualTo(PromotionPhase.Verifying);
    assertThat(after.phase()).isEqualTo(PromotionPhase.RollingBack);
    assertThat(after.reason()).isEqualTo("MeasurementUnavailable");
  }

  @Test
  void aRollbackThatRolledOutEndsRolledBackWithTheFailureReason() {
    var promotion = rollingBack();

    var t =
        next(
            promotion,
            null,
            Optional.empty(),
            rolledOut(rollingOut(running("prod", "1.5.0"), "1.4.0"), STARTED),
            policy(),
            null,
            STARTED.plusSeconds(90));

    assertThat(t.phase()).isEqualTo(PromotionPhase.RolledBack);
    assertThat(t.reason()).isEqualTo("DeadLetterRateTooHigh");
    assertThat(t.message()).isEqualTo("verification failed: too many; rolled back to 1.4.0");
    assertThat(t.status().getFinishedAt()).isNotNull();
  }

  @Test
  void aRollbackThatDoesNotRollOutInTimeStillEndsRolledBackAndSaysSo() {
    var t =
        next(
            rollingBack(),
            null,
            Optional.empty(),
            rollingOut(running("prod", "1.5.0"), "1.4.0"),
            policy(),
            null,
            STARTED.plusSeconds(80 + 601));

    assertThat(t.phase()).isEqualTo(PromotionPhase.RolledBack);
    assertThat(t.message()).contains("has not finished within 600s");
  }

  @Test
  void aFinishedPromotionDoesNothing() {
    var promotion = started(PromotionPhase.Succeeded);

    var t =
        next(
            promotion,
            null,
            Optional.empty(),
            promoted(),
            policy(),
            null,
            STARTED.plusSeconds(1000));

    assertThat(t.phase()).isEqualTo(PromotionPhase.Succeeded);
    assertThat(t.action()).isEqualTo(Action.NONE);
    assertThat(t.requeue()).isNull();
  }

  private static Transition next(
      Promotion promotion,
      PromotionPlan plan,
      Optional<Promotion> ahead,
      Environment target,
      PromotionPolicy policy,
      HealthReading health,
      Instant now) {
    return PromotionStateMachine.next(facts(promotion, plan, ahead, target, policy, health, now));
  }

  private static Facts facts(
      Promotion promotion,
      PromotionPlan plan,
      Optional<Promotion> ahead,
      Environment target,
      PromotionPolicy policy,
      HealthReading health,
      Instant now) {
    return new Facts(promotion, plan, ahead, target, EffectivePolicy.of(policy, now), health);
  }

  private static PromotionPlan resolved(Environment source) {
    return new PromotionPlan.Resolved(V15, running("prod", "1.4.0"), source);
  }

  private static Promotion pending() {
    return Fixtures.promotion("ns", "p", "prod", V15);
  }

  /** A promotion of 1.5.0 that started at STARTED; verifying from STARTED + 10 s. */
  private static Promotion started(PromotionPhase phase) {
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

  private static Environment promoted() {
    return rolledOut(rollingOut(running("prod", "1.4.0"), "1.5.0"), STARTED.plusSeconds(10));
  }

  private static HealthReading ready(String environment) {
    return new HealthReading(environment, true, "Available: all good", null, null, null);
  }

  private static PromotionPolicy policy() {
    return new PromotionPolicy();
  }

  private static PromotionPolicy policyWithDeadLetterBound() {
    var policy = new PromotionPolicy();
    var gates = new HealthGates();
    gates.setMaxDeadLetterRatePerMinute(5.0);
    policy.setGates(gates);
    policy.setVerification(new VerificationSpec());
    return policy;
  }
}
