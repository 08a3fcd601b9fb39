package io.stevedore.operator.promotion;

import static io.stevedore.operator.promotion.Environments.rolledOut;
import static io.stevedore.operator.promotion.Environments.rollingOut;
import static io.stevedore.operator.promotion.Environments.running;
import static io.stevedore.operator.promotion.StateMachineFixtures.STARTED;
import static io.stevedore.operator.promotion.StateMachineFixtures.next;
import static io.stevedore.operator.promotion.StateMachineFixtures.policy;
import static io.stevedore.operator.promotion.StateMachineFixtures.policyWithDeadLetterBound;
import static io.stevedore.operator.promotion.StateMachineFixtures.promoted;
import static io.stevedore.operator.promotion.StateMachineFixtures.ready;
import static io.stevedore.operator.promotion.StateMachineFixtures.rollingBack;
import static io.stevedore.operator.promotion.StateMachineFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.health.HealthReading;
import io.stevedore.operator.promotion.PromotionStateMachine.Action;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A promotion's verification window and the rollback when a gate fails or cannot be measured. */
class PromotionRollbackTest {
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
}
