package io.stevedore.operator.promotion;

import static io.stevedore.operator.promotion.StateMachineFixtures.STARTED;

import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.promotion.PromotionStateMachine.Action;
import io.stevedore.operator.promotion.PromotionStateMachine.Measurement;
import io.stevedore.operator.promotion.StateMachineFixtures.Health;
import io.stevedore.operator.promotion.StateMachineFixtures.Plan;
import io.stevedore.operator.promotion.StateMachineFixtures.Policy;
import io.stevedore.operator.promotion.StateMachineFixtures.Prod;
import io.stevedore.operator.promotion.StateMachineFixtures.Start;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.aggregator.ArgumentsAggregator;

/**
 * One row of a state machine table: the facts (named fixtures, and the seconds since the promotion
 * started) and the transition they lead to. Columns, in order: case | start | plan | prod | policy
 * | health | seconds | phase | reason | action | sets (the release the action sets) | measures (the
 * environment measured next) | requeue (at most, PT0S: at once; blank: only on a change) | message
 * (fragments it contains, in order, separated by " … ").
 */
record TransitionCase(
    Start start,
    Plan plan,
    Prod prod,
    Policy policy,
    Health health,
    long seconds,
    PromotionPhase phase,
    String reason,
    Action action,
    String sets,
    String measures,
    Duration requeue,
    String message) {

  /** Checks every column, reporting all that differ at once. */
  void check() {
    var facts = StateMachineFixtures.facts(start, plan, prod, policy, health, seconds);
    var t = PromotionStateMachine.next(facts);
    var soft = new SoftAssertions();
    soft.assertThat(t.phase()).as("phase").isEqualTo(phase);
    soft.assertThat(t.reason()).as("reason").isEqualTo(reason);
    soft.assertThat(t.action()).as("action").isEqualTo(action);
    soft.assertThat(t.release() == null ? null : t.release().getVersion())
        .as("release set")
        .isEqualTo(sets);
    soft.assertThat(PromotionStateMachine.measure(facts).map(Measurement::environment))
        .as("environment measured next")
        .isEqualTo(Optional.ofNullable(measures));
    if (requeue == null) {
      soft.assertThat(t.requeue()).as("requeue").isNull();
    } else if (requeue.isZero()) {
      soft.assertThat(t.requeue()).as("requeue").isZero();
    } else {
      soft.assertThat(t.requeue()).as("requeue").isPositive().isLessThanOrEqualTo(requeue);
    }
    if (message == null) {
      soft.assertThat(t.message()).as("message").isNull();
    } else {
      soft.assertThat(t.message()).as("message").containsSubsequence(message.split(" … "));
    }
    // Whatever ends a promotion stamps when; nothing else touches it.
    var before = start.promotion().getStatus();
    boolean ended = before != null && before.getPhase() != null && before.getPhase().isFinal();
    boolean ends = phase.isFinal() && !ended;
    soft.assertThat(t.status().getFinishedAt())
        .as("finishedAt")
        .isEqualTo(ends ? STARTED.plusSeconds(seconds).toString() : null);
    soft.assertAll();
  }

  /** Reads a row; the first column, the case's name, only names the test. */
  static final class Row implements ArgumentsAggregator {
    @Override
    public TransitionCase aggregateArguments(ArgumentsAccessor row, ParameterContext context) {
      return new TransitionCase(
          row.get(1, Start.class),
          row.get(2, Plan.class),
          row.get(3, Prod.class),
          row.get(4, Policy.class),
          row.get(5, Health.class),
          row.getLong(6),
          row.get(7, PromotionPhase.class),
          row.getString(8),
          row.get(9, Action.class),
          row.getString(10),
          row.getString(11),
          row.get(12, Duration.class),
          row.getString(13));
    }
  }
}
