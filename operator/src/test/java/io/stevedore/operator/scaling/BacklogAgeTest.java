package io.stevedore.operator.scaling;

import static io.stevedore.operator.scaling.Scenario.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BacklogAgeTest {

  @Test
  void anEmptyQueueHasNoAge() {
    var age = BacklogAge.EMPTY.next(T0, 0, 0);

    assertThat(age.oldestSeconds(T0.plusSeconds(5))).isZero();
  }

  @Test
  void messagesWaitingAtTheFirstObservationAgeFromThen() {
    var age = BacklogAge.EMPTY.next(T0, 100, -1);

    assertThat(age.oldestSeconds(T0.plusSeconds(7))).isCloseTo(7, within(1e-6));
  }

  @Test
  void theOldestMessageIsTheFirstNotYetConsumedInArrivalOrder() {
    // 10 messages per second arrive for 10 s with nothing consumed, then 50 are consumed.
    var age = BacklogAge.EMPTY.next(T0, 0, 0);
    for (int s = 1; s <= 10; s++) {
      age = age.next(T0.plusSeconds(s), 10L * s, 0);
    }
    assertThat(age.oldestSeconds(T0.plusSeconds(10))).isCloseTo(10, within(1e-6));

    age = age.next(T0.plusSeconds(11), 60, 50);

    // 50 consumed: the head is the message that arrived as the 50th had, at t=5 (a fluid count).
    assertThat(age.oldestSeconds(T0.plusSeconds(11))).isCloseTo(6, within(1e-6));
  }

  @Test
  void unknownConsumptionIsWhatTheBacklogLost() {
    var age = BacklogAge.EMPTY.next(T0, 0, 0);
    age = age.next(T0.plusSeconds(1), 100, -1);
    age = age.next(T0.plusSeconds(2), 100, -1);

    age = age.next(T0.plusSeconds(3), 50, -1);

    assertThat(age.departed()).isCloseTo(50, within(1e-9));
    assertThat(age.oldestSeconds(T0.plusSeconds(3))).isCloseTo(2.5, within(1e-6));
  }

  @Test
  void drainingTheBacklogResetsTheAgeAndTheHistoryStaysBounded() {
    var age = BacklogAge.EMPTY;
    for (int s = 0; s < 2 * BacklogAge.MAX_POINTS; s++) {
      age = age.next(T0.plusSeconds(s), s + 1, 0);
    }
    assertThat(age.arrivals()).hasSizeLessThanOrEqualTo(BacklogAge.MAX_POINTS);

    age = age.next(T0.plusSeconds(5000), 0, 2 * BacklogAge.MAX_POINTS);

    assertThat(age.oldestSeconds(T0.plusSeconds(5000))).isZero();
    assertThat(age.arrivals()).hasSize(1);
  }
}
