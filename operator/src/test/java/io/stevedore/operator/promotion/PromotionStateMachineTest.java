package io.stevedore.operator.promotion;

import static io.stevedore.operator.promotion.StateMachineFixtures.STARTED;
import static io.stevedore.operator.promotion.StateMachineFixtures.facts;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.promotion.StateMachineFixtures.Health;
import io.stevedore.operator.promotion.StateMachineFixtures.Plan;
import io.stevedore.operator.promotion.StateMachineFixtures.Policy;
import io.stevedore.operator.promotion.StateMachineFixtures.Prod;
import io.stevedore.operator.promotion.StateMachineFixtures.Start;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.AggregateWith;
import org.junit.jupiter.params.provider.CsvSource;

/** A promotion's phases up to its rollout: rejection, queueing, gates, rollout and its timeout. */
class PromotionStateMachineTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # before verification (TransitionCase)                 | start                            | plan                | prod                 | policy  | health        | s   | phase       | reason           | action      | sets  | measures | requeue | message
          an invalid promotion fails at once with the reason     | PENDING                          | REJECTED_AS_A_CYCLE | RUNS_1_4_0           | DEFAULT | NOT_MEASURED  | 0   | Failed      | PromotionCycle   | NONE        |       |          |         | prod → prod
          one behind another waits without measuring anything    | PENDING                          | QUEUED_BEHIND_FIRST | RUNS_1_4_0           | DEFAULT | NOT_MEASURED  | 0   | Pending     | Queued           | NONE        |       |          |         | first
          a blocked gate holds it, naming gate, value and bound  | PENDING                          | SOURCE_ROLLING_OUT  | RUNS_1_4_0           | DEFAULT | STAGING_READY | 0   | Pending     | SourceRollingOut | NONE        |       | staging  | PT10S   | SourceRelease on staging: 1.4.0 (bound 1.5.0 verified)
          when every gate passes the release is set              | PENDING                          | SOURCE_RUNS_IT      | RUNS_1_4_0           | DEFAULT | STAGING_READY | 0   | RollingOut  | RollingOut       | SET_RELEASE | 1.5.0 | staging  | PT0S    | rolling out 1.5.0 to prod (was 1.4.0)
          while rolling out it looks again before the timeout    | ROLLING_OUT                      | NONE                | ROLLING_OUT_1_5_0    | DEFAULT | NOT_MEASURED  | 10  | RollingOut  | RollingOut       | NONE        |       |          | PT2S    | 1.5.0
          a finished rollout starts the verification window      | ROLLING_OUT                      | NONE                | ROLLED_OUT_1_5_0     | DEFAULT | NOT_MEASURED  | 10  | Verifying   | Verifying        | NONE        |       | prod     | PT0S    | 1.5.0
          a rollout that does not finish in time rolls back      | ROLLING_OUT                      | NONE                | ROLLING_OUT_1_5_0    | DEFAULT | NOT_MEASURED  | 601 | RollingBack | RolloutTimedOut  | ROLL_BACK   | 1.4.0 |          | PT0S    | did not finish within 600s
          without an earlier good release a failed rollout fails | ROLLING_OUT_WITHOUT_GOOD_RELEASE | NONE                | ROLLING_OUT_1_5_0    | DEFAULT | NOT_MEASURED  | 601 | Failed      | RolloutTimedOut  | NONE        |       |          |         | no earlier good release … keeps 1.5.0
          a release changed by hand supersedes the promotion     | VERIFYING                        | NONE                | SET_BY_HAND_TO_1_6_0 | DEFAULT | PROD_READY    | 30  | Failed      | Superseded       | NONE        |       | prod     |         | 1.6.0
          """)
  void movesAsTheTableSays(@AggregateWith(TransitionCase.Row.class) TransitionCase row) {
    row.check();
  }

  @Test
  void whenEveryGatePassesTheLastGoodReleaseIsRememberedForRollback() {
    var status =
        PromotionStateMachine.next(
                facts(
                    Start.PENDING,
                    Plan.SOURCE_RUNS_IT,
                    Prod.RUNS_1_4_0,
                    Policy.DEFAULT,
                    Health.STAGING_READY,
                    0))
            .status();

    assertThat(status.getRollbackRelease().sameAs(StateMachineFixtures.V14)).isTrue();
    assertThat(status.getStartedAt()).isEqualTo(STARTED.toString());
    assertThat(status.getSourceEnvironment()).isEqualTo("staging");
  }

  @Test
  void aFinishedRolloutStartsTheVerificationWindowNow() {
    var status =
        PromotionStateMachine.next(
                facts(
                    Start.ROLLING_OUT,
                    Plan.NONE,
                    Prod.ROLLED_OUT_1_5_0,
                    Policy.DEFAULT,
                    Health.NOT_MEASURED,
                    10))
            .status();

    assertThat(status.getVerificationStartedAt()).isEqualTo(STARTED.plusSeconds(10).toString());
  }
}
