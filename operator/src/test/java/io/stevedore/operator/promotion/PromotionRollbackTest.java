package io.stevedore.operator.promotion;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.AggregateWith;
import org.junit.jupiter.params.provider.CsvSource;

/** A promotion's verification window and the rollback when a gate fails or cannot be measured. */
class PromotionRollbackTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # verification, rollback (TransitionCase)                  | start        | plan | prod                  | policy            | health                         | s    | phase       | reason                 | action    | sets  | measures | requeue | message
          a gate failing during verification rolls back at once      | VERIFYING    | NONE | ROLLED_OUT_1_5_0      | DEAD_LETTER_BOUND | PROD_DEAD_LETTERS_RISING       | 15   | RollingBack | DeadLetterRateTooHigh  | ROLL_BACK | 1.4.0 | prod     | PT0S    | verification failed: DeadLetterRate on prod … acme +30 … rolling back to 1.4.0
          verification continues until the window has passed         | VERIFYING    | NONE | ROLLED_OUT_1_5_0      | DEFAULT           | PROD_READY                     | 40   | Verifying   | Verifying              | NONE      |       | prod     | PT2S    | 30s of 60s
          gates that held for the whole window succeed               | VERIFYING    | NONE | ROLLED_OUT_1_5_0      | DEFAULT           | PROD_READY                     | 70   | Succeeded   | Succeeded              | NONE      |       | prod     |         | 1.5.0
          a gate that cannot be measured within the window waits     | VERIFYING    | NONE | ROLLED_OUT_1_5_0      | DEAD_LETTER_BOUND | PROD_DEAD_LETTERS_UNMEASURABLE | 70   | Verifying   | Verifying              | NONE      |       | prod     | PT2S    | broker unreachable
          a gate that cannot be measured past the window rolls back  | VERIFYING    | NONE | ROLLED_OUT_1_5_0      | DEAD_LETTER_BOUND | PROD_DEAD_LETTERS_UNMEASURABLE | 131  | RollingBack | MeasurementUnavailable | ROLL_BACK | 1.4.0 | prod     | PT0S    | broker unreachable
          a rollback that rolled out ends RolledBack with the reason | ROLLING_BACK | NONE | ROLLED_BACK_TO_1_4_0  | DEFAULT           | NOT_MEASURED                   | 90   | RolledBack  | DeadLetterRateTooHigh  | NONE      |       |          |         | verification failed: too many; rolled back to 1.4.0
          a rollback not rolled out in time still ends RolledBack    | ROLLING_BACK | NONE | ROLLING_BACK_TO_1_4_0 | DEFAULT           | NOT_MEASURED                   | 681  | RolledBack  | DeadLetterRateTooHigh  | NONE      |       |          |         | has not finished within 600s
          a finished promotion does nothing                          | SUCCEEDED    | NONE | ROLLED_OUT_1_5_0      | DEFAULT           | NOT_MEASURED                   | 1000 | Succeeded   |                        | NONE      |       |          |         |
          """)
  void verifiesAndRollsBackAsTheTableSays(
      @AggregateWith(TransitionCase.Row.class) TransitionCase row) {
    row.check();
  }
}
