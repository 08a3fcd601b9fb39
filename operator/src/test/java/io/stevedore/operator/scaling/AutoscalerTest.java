package io.stevedore.operator.scaling;

import static io.stevedore.operator.scaling.Scenario.T0;
import static io.stevedore.operator.scaling.Scenario.observation;
import static io.stevedore.operator.scaling.Scenario.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.ScalingBehavior;
import io.stevedore.operator.api.v1alpha1.ScalingFallback;
import io.stevedore.operator.api.v1alpha1.ScalingPolicy;
import io.stevedore.operator.api.v1alpha1.ScalingRules;
import io.stevedore.operator.scaling.ObservationFailure.Kind;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision table: one row per rule and limit. Unless a row says otherwise the pool has the
 * defaults (min 1, max 10, drain in 30 s, 10 messages/s per replica until measured).
 */
class AutoscalerTest {

  static Stream<Arguments> decisions() {
    return Stream.of(
        row(
            "drain time: 600 messages in 30 s at 10/s per replica",
            s -> s.current(1).backlog(500, 100),
            2,
            ScalingRule.DrainTime),
        row(
            "backlog target wins when it asks for more",
            s -> s.spec(x -> x.setTargetBacklogPerReplica(100L)).current(1).backlog(500, 100),
            6,
            ScalingRule.Backlog),
        row(
            "arrivals and measured throughput: (100/s + 150/30 s) / 25/s per replica = 4.2",
            s -> measured(s).current(2),
            5,
            ScalingRule.DrainTime),
        row(
            "capped at maxReplicas",
            s -> s.current(2).backlog(100_000, 0),
            10,
            ScalingRule.MaxReplicas),
        row(
            "raised to minReplicas",
            s -> s.spec(x -> x.setMinReplicas(2)).current(3).backlog(0, 0),
            2,
            ScalingRule.MinReplicas),
        row(
            "within the 10 % tolerance: 4.2 wanted, 4 running",
            s -> s.current(4).backlog(1260, 0), 4, ScalingRule.Tolerance),
        row(
            "beyond the tolerance: 4.6 wanted, 4 running",
            s -> s.current(4).backlog(1380, 0),
            5,
            ScalingRule.DrainTime),
        row(
            "scale-down stabilization: 6 was recommended 10 s ago",
            s -> s.current(6).backlog(600, 0).history(h -> h.recommended(10, 6)),
            6,
            ScalingRule.ScaleDownStabilization),
        row(
            "scale-down stabilization window passed: 6 was recommended 40 s ago",
            s -> s.current(6).backlog(600, 0).history(h -> h.recommended(40, 6)),
            2,
            ScalingRule.DrainTime),
        row(
            "scale-down follows the highest recommendation of the window",
            s ->
                s.current(8)
                    .backlog(600, 0)
                    .history(h -> h.recommended(25, 5).recommended(15, 7).recommended(5, 3)),
            7,
            ScalingRule.ScaleDownStabilization),
        row(
            "scale-up stabilization: 2 was recommended 10 s ago with a 60 s window",
            s ->
                s.spec(x -> x.setBehavior(behavior(rules(60, null), null)))
                    .current(2)
                    .backlog(2400, 0)
                    .history(h -> h.recommended(10, 2)),
            2,
            ScalingRule.ScaleUpStabilization),
        row(
            "scale-up policy: +10 pods or +100 % per second, whichever is more",
            s -> s.spec(x -> x.setMaxReplicas(100)).current(2).backlog(15_000, 0),
            12,
            ScalingRule.ScaleUpPolicy),
        row(
            "scale-up policy counts changes made within its period",
            s ->
                s.spec(x -> x.setBehavior(behavior(rules(null, null, policy("Pods", 2, 60)), null)))
                    .current(4)
                    .backlog(3000, 0)
                    .history(h -> h.scaled(30, 2)),
            4,
            ScalingRule.ScaleUpPolicy),
        row(
            "selectPolicy Min takes the policy allowing the smallest change",
            s ->
                s.spec(
                        x -> {
                          x.setMaxReplicas(100);
                          var up =
                              rules(
                                  null,
                                  ScalingRules.SelectPolicy.Min,
                                  policy("Pods", 10, 1),
                                  policy("Percent", 100, 1));
                          x.setBehavior(behavior(up, null));
                        })
                    .current(2)
                    .backlog(15_000, 0),
            4,
            ScalingRule.ScaleUpPolicy),
        row(
            "scale-down policy: at most one pod per minute",
            s ->
                s.spec(x -> x.setBehavior(behavior(null, rules(0, null, policy("Pods", 1, 60)))))
                    .current(5)
                    .backlog(0, 0),
            4,
            ScalingRule.ScaleDownPolicy),
        row(
            "scale-down percent policy rounds towards fewer removed pods",
            s ->
                s.spec(
                        x ->
                            x.setBehavior(
                                behavior(null, rules(0, null, policy("Percent", 50, 60)))))
                    .current(5)
                    .backlog(0, 0),
            2,
            ScalingRule.ScaleDownPolicy),
        row(
            "scale-down disabled",
            s ->
                s.spec(
                        x ->
                            x.setBehavior(
                                behavior(null, rules(0, ScalingRules.SelectPolicy.Disabled))))
                    .current(5)
                    .backlog(0, 0),
            5,
            ScalingRule.ScaleDownDisabled),
        row(
            "scale-up disabled",
            s ->
                s.spec(
                        x ->
                            x.setBehavior(
                                behavior(rules(0, ScalingRules.SelectPolicy.Disabled), null)))
                    .current(1)
                    .backlog(3000, 0),
            1,
            ScalingRule.ScaleUpDisabled),
        row(
            "at zero, a backlog at the activation threshold does not wake the pool",
            s ->
                s.spec(
                        x -> {
                          x.setMinReplicas(0);
                          x.setActivationBacklog(10L);
                        })
                    .current(0)
                    .backlog(10, 0),
            0,
            ScalingRule.Activation),
        row(
            "at zero, a backlog above the activation threshold wakes the pool",
            s -> s.spec(x -> x.setActivationBacklog(10L)).current(0).backlog(11, 0),
            1,
            ScalingRule.DrainTime),
        row(
            "scale from zero straight to what the backlog needs",
            s -> s.spec(x -> x.setMinReplicas(0)).current(0).backlog(1500, 0),
            5,
            ScalingRule.DrainTime),
        row(
            "idle at its idle size stays there without work",
            s -> s.spec(x -> x.setIdleReplicas(0)).current(0).backlog(0, 0).history(h -> h.idle()),
            0,
            ScalingRule.Activation),
        row(
            "no work for idleAfterSeconds: to idleReplicas",
            s ->
                s.spec(x -> x.setIdleReplicas(0))
                    .current(3)
                    .backlog(0, 0)
                    .history(h -> h.lastActive(61)),
            0,
            ScalingRule.Idle),
        row(
            "idle replicas need not be zero",
            s ->
                s.spec(
                        x -> {
                          x.setMinReplicas(3);
                          x.setIdleReplicas(1);
                        })
                    .current(3)
                    .backlog(0, 0)
                    .history(h -> h.lastActive(61)),
            1,
            ScalingRule.Idle),
        row(
            "not idle long enough yet: minReplicas",
            s ->
                s.spec(x -> x.setIdleReplicas(0))
                    .current(3)
                    .backlog(0, 0)
                    .history(h -> h.lastActive(30)),
            1,
            ScalingRule.MinReplicas),
        row(
            "unknown in-flight work keeps the pool from idling",
            s ->
                s.spec(x -> x.setIdleReplicas(0))
                    .current(3)
                    .readyOnly(0)
                    .history(h -> h.lastActive(600)),
            1,
            ScalingRule.MinReplicas),
        row(
            "unknown in-flight work keeps a min-0 pool at one replica",
            s -> s.spec(x -> x.setMinReplicas(0)).current(2).readyOnly(0),
            1,
            ScalingRule.InFlightUnknown),
        row(
            "capped at the only tenant's plan.maxWorkers",
            s -> s.current(2).tenantLimit(3).backlog(3000, 0),
            3,
            ScalingRule.TenantPlans),
        row(
            "one tenant's backlog drives at most its own maxWorkers, not the others' allowance",
            s -> s.current(1).tenants("noisy", 2, 3000, "quiet", 4, 0, "idle", 4, 0),
            2,
            ScalingRule.TenantPlans),
        row(
            "each tenant's backlog drives its part, each capped at its own maxWorkers",
            s -> s.current(1).tenants("noisy", 2, 3000, "busy", 3, 3000),
            5,
            ScalingRule.TenantPlans),
        row(
            "a tenant under its cap is sized by its backlog alone",
            s -> s.current(1).tenants("small", 4, 300, "other", 4, 0),
            1,
            ScalingRule.Tolerance),
        row(
            "a failed observation keeps the size, never reads as an empty queue",
            s -> s.current(5).failure(Kind.SourceUnavailable),
            5,
            ScalingRule.SourceFailure),
        row(
            "after failureThreshold failures, HoldLastGood returns to the last good size",
            s -> s.current(6).failure(Kind.QueueMissing).history(h -> h.failures(2).lastGood(4)),
            4,
            ScalingRule.Fallback),
        row(
            "HoldLastGood without any good observation keeps the current size",
            s -> s.current(6).failure(Kind.AuthFailed).history(h -> h.failures(5)),
            6,
            ScalingRule.Fallback),
        row(
            "FixedReplicas fallback",
            s ->
                s.spec(
                        x -> {
                          x.getFallback().setBehavior(ScalingFallback.Behavior.FixedReplicas);
                          x.getFallback().setReplicas(3);
                        })
                    .current(6)
                    .failure(Kind.SourceUnavailable)
                    .history(h -> h.failures(2)),
            3,
            ScalingRule.Fallback),
        row(
            "bounds apply whatever the observation: minReplicas raised while the source fails",
            s -> s.spec(x -> x.setMinReplicas(3)).current(1).failure(Kind.SourceUnavailable),
            3,
            ScalingRule.MinReplicas),
        row(
            "bounds apply whatever the observation: maxReplicas lowered while the source fails",
            s -> s.spec(x -> x.setMaxReplicas(6)).current(9).failure(Kind.SourceUnavailable),
            6,
            ScalingRule.MaxReplicas),
        row(
            "a pool at zero without work is raised to a new minReplicas",
            s -> s.spec(x -> x.setMinReplicas(2)).current(0).backlog(0, 0),
            2,
            ScalingRule.MinReplicas),
        row(
            "paused keeps even a size outside the bounds",
            s ->
                s.spec(x -> x.setMaxReplicas(6))
                    .current(9)
                    .backlog(3000, 0)
                    .pause(Map.of(Pause.PAUSED, "true")),
            9,
            ScalingRule.Paused),
        row(
            "paused: nothing changes",
            s -> s.current(2).backlog(3000, 0).pause(Map.of(Pause.PAUSED, "true")),
            2,
            ScalingRule.Paused),
        row(
            "pinned replicas win over bounds and observations",
            s -> s.current(2).backlog(0, 0).pause(Map.of(Pause.PAUSED_REPLICAS, "12")),
            12,
            ScalingRule.Pinned),
        row(
            "pinned replicas also hold while the source fails",
            s ->
                s.current(2)
                    .failure(Kind.SourceUnavailable)
                    .pause(Map.of(Pause.PAUSED_REPLICAS, "4")),
            4,
            ScalingRule.Pinned),
        row(
            "scale-in paused keeps the size when it would shrink",
            s -> s.current(5).backlog(0, 0).pause(Map.of(Pause.SCALE_IN_PAUSED, "true")),
            5,
            ScalingRule.ScaleInPaused),
        row(
            "scale-in paused still scales out",
            s -> s.current(1).backlog(4000, 0).pause(Map.of(Pause.SCALE_IN_PAUSED, "true")),
            10,
            ScalingRule.MaxReplicas),
        row(
            "scale-out paused keeps the size when it would grow",
            s -> s.current(1).backlog(3000, 0).pause(Map.of(Pause.SCALE_OUT_PAUSED, "true")),
            1,
            ScalingRule.ScaleOutPaused),
        row(
            "scale-out paused still scales in",
            s ->
                s.spec(x -> x.setMinReplicas(0))
                    .current(5)
                    .backlog(0, 0)
                    .pause(Map.of(Pause.SCALE_OUT_PAUSED, "true")),
            0,
            ScalingRule.DrainTime),
        row(
            "quota admits one more pod",
            s -> s.current(2).backlog(3000, 0).quota(1),
            3,
            ScalingRule.Quota),
        row(
            "quota admits no more pods",
            s -> s.current(2).backlog(3000, 0).quota(0),
            2,
            ScalingRule.Quota),
        row(
            "quota never blocks scaling in",
            s -> s.current(5).backlog(0, 0).quota(0),
            1,
            ScalingRule.MinReplicas),
        row(
            "quota caps pinned replicas too",
            s -> s.current(2).backlog(0, 0).quota(3).pause(Map.of(Pause.PAUSED_REPLICAS, "9")),
            5,
            ScalingRule.Quota),
        row(
            "workers paused for an outage: a backlog does not scale out",
            s -> s.current(2).pausedWorkers(3000, 2, 2, "mysql"),
            2,
            ScalingRule.DependencyOutage),
        row(
            "one paused worker of three is enough to hold",
            s -> s.current(3).pausedWorkers(3000, 3, 1, "dynamodb"),
            3,
            ScalingRule.DependencyOutage),
        row(
            "workers paused for an outage: an empty queue does not scale in",
            s -> s.spec(x -> x.setMinReplicas(1)).current(4).pausedWorkers(0, 4, 4, "dynamodb"),
            4,
            ScalingRule.DependencyOutage),
        row(
            "workers paused for an outage: no scale to zero after idleAfterSeconds",
            s ->
                s.spec(x -> x.setIdleReplicas(0))
                    .current(2)
                    .pausedWorkers(0, 2, 2, "mysql")
                    .history(h -> h.lastActive(3600)),
            2,
            ScalingRule.DependencyOutage),
        row(
            "the bounds still apply while workers are paused",
            s -> s.spec(x -> x.setMaxReplicas(3)).current(5).pausedWorkers(3000, 5, 5, "mysql"),
            3,
            ScalingRule.MaxReplicas),
        row(
            "pinned replicas win over an outage",
            s ->
                s.current(2)
                    .pausedWorkers(3000, 2, 2, "mysql")
                    .pause(Map.of(Pause.PAUSED_REPLICAS, "4")),
            4,
            ScalingRule.Pinned),
        row(
            "workers whose circuits are closed again: sized as usual",
            s -> s.current(2).pausedWorkers(3000, 2, 0, "mysql"),
            10,
            ScalingRule.DrainTime));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decides(String description, Scenario scenario, int replicas, ScalingRule rule) {
    ScalingDecision decision = scenario.decide();

    assertThat(decision.desiredReplicas()).as(decision.message()).isEqualTo(replicas);
    assertThat(decision.rule()).as(decision.message()).isEqualTo(rule);
  }

  /** Two observations a second apart: 2 pods processed 25 each while 50 more arrived net. */
  private static Scenario measured(Scenario s) {
    var before =
        observation(
            T0.minusSeconds(1), 100, OptionalLong.of(0), List.of(pod("a", 0, 0), pod("b", 0, 0)));
    var rates = new RateEstimate(100, true, 10, false, java.util.OptionalDouble.empty(), 0, 0);
    s.observation =
        observation(T0, 150, OptionalLong.of(0), List.of(pod("a", 0, 25), pod("b", 0, 25)));
    return s.history(h -> h.observed(before, rates));
  }

  private static Arguments row(
      String description,
      java.util.function.UnaryOperator<Scenario> scenario,
      int replicas,
      ScalingRule rule) {
    return Arguments.of(description, scenario.apply(new Scenario()), replicas, rule);
  }

  static ScalingBehavior behavior(ScalingRules up, ScalingRules down) {
    var behavior = new ScalingBehavior();
    behavior.setScaleUp(up);
    behavior.setScaleDown(down);
    return behavior;
  }

  static ScalingRules rules(
      Integer window, ScalingRules.SelectPolicy select, ScalingPolicy... policies) {
    return new ScalingRules(window, select, policies.length == 0 ? null : List.of(policies));
  }

  static ScalingPolicy policy(String type, int value, int periodSeconds) {
    return new ScalingPolicy(ScalingPolicy.Type.valueOf(type), value, periodSeconds);
  }
}
