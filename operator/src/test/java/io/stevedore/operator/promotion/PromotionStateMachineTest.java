package io.stevedore.operator.promotion;

import static io.stevedore.operator.promotion.Environments.rolledOut;
import static io.stevedore.operator.promotion.Environments.rollingOut;
import static io.stevedore.operator.promotion.Environments.running;
import static io.stevedore.operator.promotion.StateMachineFixtures.STARTED;
import static io.stevedore.operator.promotion.StateMachineFixtures.V14;
import static io.stevedore.operator.promotion.StateMachineFixtures.V15;
import static io.stevedore.operator.promotion.StateMachineFixtures.facts;
import static io.stevedore.operator.promotion.StateMachineFixtures.next;
import static io.stevedore.operator.promotion.StateMachineFixtures.pending;
import static io.stevedore.operator.promotion.StateMachineFixtures.policy;
import static io.stevedore.operator.promotion.StateMachineFixtures.ready;
import static io.stevedore.operator.promotion.StateMachineFixtures.resolved;
import static io.stevedore.operator.promotion.StateMachineFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.promotion.PromotionStateMachine.Action;
import io.stevedore.operator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A promotion's phases up to its rollout: rejection, queueing, gates, rollout and its timeout. */
class PromotionStateMachineTest {
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
}
