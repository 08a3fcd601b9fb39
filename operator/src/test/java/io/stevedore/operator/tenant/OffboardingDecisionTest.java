package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.broker.QueueBacklog;
import io.stevedore.operator.tenant.OffboardingDecision.Action;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OffboardingDecisionTest {

  @ParameterizedTest(
      name =
          "{0}: ready={1} retrying={2} inFlight={3} dlq={4} consumers={5} override={6}"
              + " ingestConfirmed={7} -> {8} {9}")
  @CsvSource({
    "         , 3, 0,  0, 0, 1, false, true,  WAIT,         Draining",
    "Draining , 0, 2,  0, 0, 1, false, true,  WAIT,         Draining",
    "Draining , 0, 0,  4, 0, 1, false, true,  WAIT,         Draining",
    "Draining , 0, 0, -1, 0, 1, false, true,  RELEASE,      Released",
    "         , 0, 0,  0, 0, 0, false, true,  RELEASE,      Released",
    "Released , 0, 0, -1, 0, 2, false, true,  RELEASE,      Released",
    "Released , 5, 0, -1, 0, 0, false, true,  WAIT,         Draining",
    "Released , 0, 0,  0, 3, 0, false, true,  BLOCKED,      Released",
    "Released , 0, 0,  0, 0, 0, false, true,  REMOVE,       Removing",
    "Released , 0, 0,  0, 0,-1, false, true,  REMOVE,       Removing",
    "Removing , 9, 0,  0, 0, 0, false, true,  REMOVE,       Removing",
    "         , 9, 9,  9, 9, 9, true,  true,  REMOVE,       Removing",
    // An ingest pod may still publish: drained queues are not released, nor deleted.
    "         , 0, 0,  0, 0, 1, false, false, AWAIT_INGEST, Draining",
    "Draining , 0, 0, -1, 0, 1, false, false, AWAIT_INGEST, Draining",
    "Released , 0, 0,  0, 0, 0, false, false, AWAIT_INGEST, Released",
    "Released , 0, 0,  0, 3, 0, false, false, AWAIT_INGEST, Released",
    "Draining , 4, 0,  0, 0, 1, false, false, WAIT,         Draining",
    "Released , 0, 0,  0, 0, 0, true,  false, AWAIT_INGEST, Released",
    "         , 9, 9,  9, 9, 9, true,  false, AWAIT_INGEST, Draining",
    // Removing began after ingest had confirmed: it finishes.
    "Removing , 0, 0,  0, 0, 0, false, false, REMOVE,       Removing",
  })
  void nextMoveOfADeletedTenant(
      String phase,
      long ready,
      long retrying,
      long inFlight,
      long deadLettered,
      int consumers,
      boolean override,
      boolean ingestConfirmed,
      Action action,
      String nextPhase) {
    var ingest =
        new IngestConfirmation(
            OptionalLong.of(7),
            ingestConfirmed,
            ingestConfirmed ? "confirmed" : "ingest-a (serves generation 6)");
    var decision =
        OffboardingDecision.decide(
            phase,
            new QueueBacklog(ready, retrying, inFlight, deadLettered, consumers),
            override,
            "tenant.ns.acme.dlq",
            ingest);

    assertThat(decision.action()).isEqualTo(action);
    assertThat(decision.phase()).isEqualTo(nextPhase);
    if (action == Action.AWAIT_INGEST) {
      assertThat(decision.message()).isEqualTo(ingest.message());
    }
  }
}
