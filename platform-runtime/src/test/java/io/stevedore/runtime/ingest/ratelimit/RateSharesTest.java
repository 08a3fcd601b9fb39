package io.stevedore.runtime.ingest.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stevedore.runtime.ingest.ratelimit.RateShares.View;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The allowance of pod "a" for a tenant of plan 300 events/s, from the demand each pod reports. */
class RateSharesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        row("no shared view: 1/N", 300, 3, View.unshared(), 100),
        row("shared view without this pod: 1/N", 300, 3, shared("b", 300, "c", 0), 100),
        row(
            "one client on this pod: plan less the idle pods' floors",
            300,
            3,
            shared("a", 300, "b", 0, "c", 0),
            290),
        row(
            "asking far beyond the plan counts as the plan",
            300,
            3,
            shared("a", 2400, "b", 0, "c", 0),
            290),
        row("an idle pod keeps its floor", 300, 3, shared("a", 0, "b", 300, "c", 0), 5),
        row(
            "client spread evenly: a third each",
            300,
            3,
            shared("a", 800, "b", 800, "c", 800),
            100),
        row(
            "asks that fit are met, the spare split evenly",
            300,
            3,
            shared("a", 100, "b", 50, "c", 0),
            5 + 95 + 145 / 3.0),
        row(
            "asks that do not fit: proportional beyond the floor",
            300,
            3,
            shared("a", 300, "b", 100, "c", 0),
            5 + 285 * 295 / 390.0),
        row("no demand anywhere: equal parts", 300, 3, shared("a", 0, "b", 0, "c", 0), 100),
        row("a silent expected pod keeps its 1/N", 300, 3, shared("a", 300, "b", 0), 195),
        row("alone of three expected: 1/N at most", 300, 3, shared("a", 300), 100),
        row(
            "more pods than expected (rolling update): the plan split among them",
            300,
            2,
            shared("a", 300, "b", 0, "c", 0),
            290),
        row("the only pod: the whole plan", 300, 1, shared("a", 50), 300),
        row("plan zero: nothing", 0, 3, shared("a", 100, "b", 0, "c", 0), 0),
        row(
            "nonsense demand counts as none",
            300,
            3,
            shared("a", Double.NaN, "b", -5, "c", Double.POSITIVE_INFINITY),
            100));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void allowanceOfPodA(String name, int plan, int expectedPods, View view, double expected) {
    assertThat(RateShares.allowance(plan, expectedPods, "a", view))
        .isCloseTo(expected, within(1e-9));
  }

  /** Pods that see the same reports never hand out more than the plan, nor less. */
  @Property
  void podsThatShareAViewShareExactlyThePlan(
      @ForAll @IntRange(min = 1, max = 100_000) int plan,
      @ForAll @IntRange(min = 1, max = 8) int expectedPods,
      @ForAll @Size(min = 1, max = 8)
          java.util.List<@DoubleRange(min = 0, max = 200_000) Double> demands) {
    Map<String, Double> byPod = new LinkedHashMap<>();
    for (int i = 0; i < demands.size(); i++) {
      byPod.put("pod-" + i, demands.get(i));
    }
    View view = new View(true, byPod);
    double total = 0;
    for (String pod : byPod.keySet()) {
      double allowance = RateShares.allowance(plan, expectedPods, pod, view);
      assertThat(allowance).isBetween(0.0, (double) plan);
      total += allowance;
    }
    double budget = plan * Math.min(1.0, (double) byPod.size() / expectedPods);
    assertThat(total).isCloseTo(budget, within(1e-6 * plan));
  }

  private static View shared(Object... podsAndDemands) {
    Map<String, Double> demands = new LinkedHashMap<>();
    for (int i = 0; i < podsAndDemands.length; i += 2) {
      demands.put((String) podsAndDemands[i], ((Number) podsAndDemands[i + 1]).doubleValue());
    }
    return new View(true, demands);
  }

  private static Arguments row(
      String name, int plan, int expectedPods, View view, double expected) {
    return Arguments.of(name, plan, expectedPods, view, expected);
  }
}
