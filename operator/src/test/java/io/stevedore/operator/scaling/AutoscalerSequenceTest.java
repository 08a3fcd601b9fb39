package io.stevedore.operator.scaling;

import static io.stevedore.operator.scaling.AutoscalerTest.behavior;
import static io.stevedore.operator.scaling.AutoscalerTest.policy;
import static io.stevedore.operator.scaling.AutoscalerTest.rules;
import static io.stevedore.operator.scaling.Scenario.T0;
import static io.stevedore.operator.scaling.Scenario.observation;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.scaling.ObservationFailure.Kind;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Decisions in sequence: each one's next history is the input of the one after it. */
class AutoscalerSequenceTest {
  @Test
  void failuresCountEveryKindAndASuccessResetsThem() {
    var first = new Scenario().current(3).failure(Kind.SourceUnavailable).decide();
    var second = next(first, new ObservationFailure(Kind.QueueMissing, "queue gone"), 3).decide();
    var third = next(second, new ObservationFailure(Kind.AuthFailed, "refused"), 3).decide();
    var recovered =
        next(third, observation(T0.plusSeconds(3), 0, OptionalLong.of(0), List.of()), 3).decide();

    assertThat(List.of(first, second, third))
        .extracting(ScalingDecision::consecutiveFailures, ScalingDecision::fallback)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, false),
            org.assertj.core.groups.Tuple.tuple(2, false),
            org.assertj.core.groups.Tuple.tuple(3, true));
    assertThat(recovered.consecutiveFailures()).isZero();
    assertThat(recovered.fallback()).isFalse();
    assertThat(recovered.failure()).isEmpty();
  }

  @Test
  void aDecisionRecordsItsChangeAndTheNextOneIsRateLimitedByIt() {
    var scenario =
        new Scenario()
            .spec(x -> x.setBehavior(behavior(rules(null, null, policy("Pods", 2, 60)), null)))
            .current(1)
            .backlog(3000, 0);
    var first = scenario.decide();
    var second =
        next(
                scenario,
                first,
                observation(T0.plusSeconds(1), 3000, OptionalLong.of(0), List.of()),
                3)
            .decide();

    assertThat(first.desiredReplicas()).isEqualTo(3);
    assertThat(first.next().scaleEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.change()).isEqualTo(2));
    assertThat(first.lastScaleTime()).contains(T0);
    assertThat(second.desiredReplicas()).isEqualTo(3);
    assertThat(second.rule()).isEqualTo(ScalingRule.ScaleUpPolicy);
  }

  @Test
  void theMessageNamesTheChangeTheRuleAndTheInputs() {
    var decision = new Scenario().current(1).backlog(500, 100).decide();

    assertThat(decision.message())
        .startsWith("1 -> 2 replicas: DrainTime (needs 2.00 replicas)")
        .contains("backlog 600 (ready 500, unacked 100)")
        .contains("throughput 10.0/s per replica (initial)");
    assertThat(decision.recommendedReplicas()).isEqualTo(2);
  }

  @Test
  void aFailureKeepsTheLastSignalsAndSaysWhy() {
    var good = new Scenario().current(2).backlog(500, 100).decide();
    var failed =
        next(good, new ObservationFailure(Kind.SourceUnavailable, "connection refused"), 2)
            .decide();

    assertThat(failed.signals()).isEqualTo(good.signals());
    assertThat(failed.message())
        .contains("SourceUnavailable (1 of 3 failures before the fallback): connection refused");
  }

  /** The default pool one second after {@code previous}, with {@code result}. */
  private static Scenario next(ScalingDecision previous, ObservationResult result, int current) {
    return next(new Scenario(), previous, result, current);
  }

  /** {@code s}'s pool one second after {@code previous}, with {@code result}. */
  private static Scenario next(
      Scenario s, ScalingDecision previous, ObservationResult result, int current) {
    s.current(current);
    s.now = previous.at().plusSeconds(1);
    s.history = previous.next();
    s.observation = result;
    return s;
  }
}
