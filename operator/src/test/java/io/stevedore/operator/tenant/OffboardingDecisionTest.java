package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.broker.QueueBacklog;
import io.stevedore.operator.tenant.OffboardingDecision.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OffboardingDecisionTest {

  @ParameterizedTest(
      name =
          "{0}: ready={1} retrying={2} inFlight={3} dlq={4} consumers={5} override={6} -> {7} {8}")
  @CsvSource({
    "         , 3, 0,  0, 0, 1, false, WAIT,    Draining",
    "Draining , 0, 2,  0, 0, 1, false, WAIT,    Draining",
    "Draining , 0, 0,  4, 0, 1, false, WAIT,    Draining",
    "Draining , 0, 0, -1, 0, 1, false, RELEASE, Released",
    "         , 0, 0,  0, 0, 0, false, RELEASE, Released",
    "Released , 0, 0, -1, 0, 2, false, RELEASE, Released",
    "Released , 5, 0, -1, 0, 0, false, WAIT,    Draining",
    "Released , 0, 0,  0, 3, 0, false, BLOCKED, Released",
    "Released , 0, 0,  0, 0, 0, false, REMOVE,  Removing",
    "Released , 0, 0,  0, 0,-1, false, REMOVE,  Removing",
    "Removing , 9, 0,  0, 0, 0, false, REMOVE,  Removing",
    "         , 9, 9,  9, 9, 9, true,  REMOVE,  Removing",
  })
  void nextMoveOfADeletedTenant(
      String phase,
      long ready,
      long retrying,
      long inFlight,
      long deadLettered,
      int consumers,
      boolean override,
      Action action,
      String nextPhase) {
    var decision =
        OffboardingDecision.decide(
            phase,
            new QueueBacklog(ready, retrying, inFlight, deadLettered, consumers),
            override,
            "tenant.ns.acme.dlq");

    assertThat(decision.action()).isEqualTo(action);
    assertThat(decision.phase()).isEqualTo(nextPhase);
  }
}
