package io.stevedore.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeficitRoundRobinTest {

  /** Queues {@code backlog} items "key#i" per key, with its weight, in key order. */
  private static DeficitRoundRobin<String> queued(Map<String, int[]> weightAndBacklog) {
    var drr = new DeficitRoundRobin<String>();
    weightAndBacklog.forEach(
        (key, wb) -> {
          for (int i = 0; i < wb[1]; i++) {
            drr.offer(key, wb[0], key + "#" + i);
          }
        });
    return drr;
  }

  private static List<String> keysOfFirst(DeficitRoundRobin<String> drr, int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String item = drr.poll();
      keys.add(item == null ? null : item.substring(0, item.indexOf('#')));
    }
    return keys;
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(
            "equal weights alternate whatever the backlog",
            Map.of("noisy", new int[] {1, 1000}, "quiet", new int[] {1, 2}),
            List.of("noisy", "quiet", "noisy", "quiet", "noisy", "noisy")),
        Arguments.of(
            "weight 3 takes three per turn",
            ordered("gold", new int[] {3, 100}, "basic", new int[] {1, 100}),
            List.of("gold", "gold", "gold", "basic", "gold", "gold", "gold", "basic")),
        Arguments.of(
            "an idle tenant's share is lent to the busy one",
            ordered("busy", new int[] {1, 5}, "idle", new int[] {5, 0}),
            List.of("busy", "busy", "busy", "busy", "busy")),
        Arguments.of(
            "three tenants, one flooding, are served in turn",
            ordered("a", new int[] {1, 500}, "b", new int[] {1, 1}, "c", new int[] {1, 1}),
            List.of("a", "b", "c", "a", "a", "a")));
  }

  private static Map<String, int[]> ordered(Object... keysAndValues) {
    Map<String, int[]> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (int[]) keysAndValues[i + 1]);
    }
    return map;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void servesInWeightedTurns(String name, Map<String, int[]> queued, List<String> expected) {
    Map<String, int[]> inKeyOrder = queued instanceof LinkedHashMap ? queued : sorted(queued);
    assertThat(keysOfFirst(queued(inKeyOrder), expected.size())).isEqualTo(expected);
  }

  private static Map<String, int[]> sorted(Map<String, int[]> map) {
    Map<String, int[]> sorted = new LinkedHashMap<>();
    map.keySet().stream().sorted().forEach(k -> sorted.put(k, map.get(k)));
    return sorted;
  }

  static Stream<Arguments> shares() {
    // weights, backlogs, dispatches → expected dispatches per key
    return Stream.of(
        Arguments.of(
            new int[] {1, 1, 1, 1},
            new int[] {10_000, 50, 50, 50},
            200,
            new int[] {50, 50, 50, 50}),
        Arguments.of(
            new int[] {2, 1, 1},
            new int[] {10_000, 10_000, 10_000},
            400,
            new int[] {200, 100, 100}),
        Arguments.of(new int[] {1, 4}, new int[] {10_000, 10_000}, 500, new int[] {100, 400}),
        // The weight-4 tenant has only 20: the rest goes to the other (work-conserving).
        Arguments.of(new int[] {1, 4}, new int[] {10_000, 20}, 500, new int[] {480, 20}),
        // A minimum share whatever the others' weights and backlogs: 1 of 1+10+10.
        Arguments.of(
            new int[] {1, 10, 10},
            new int[] {1000, 10_000, 10_000},
            2100,
            new int[] {100, 1000, 1000}));
  }

  @ParameterizedTest
  @MethodSource("shares")
  void backloggedTenantsGetTheirWeightedShare(
      int[] weights, int[] backlogs, int dispatches, int[] expected) {
    var drr = new DeficitRoundRobin<String>();
    for (int k = 0; k < weights.length; k++) {
      for (int i = 0; i < backlogs[k]; i++) {
        drr.offer("t" + k, weights[k], "t" + k + "#" + i);
      }
    }
    int[] served = new int[weights.length];
    for (String key : keysOfFirst(drr, dispatches)) {
      served[Integer.parseInt(key.substring(1))]++;
    }
    assertThat(served).containsExactly(expected);
  }

  @Test
  void aTenantComingBackWaitsForTheRotationWithoutSavedCredit() {
    var drr = new DeficitRoundRobin<String>();
    drr.offer("gold", 3, "g1");
    drr.offer("basic", 1, "b1");
    drr.offer("basic", 1, "b2");
    assertThat(drr.poll()).isEqualTo("g1"); // gold empties after one of its three: leaves
    drr.offer("gold", 3, "g2");
    drr.offer("gold", 3, "g3");
    // basic's turn comes first; gold rejoined at the end with a fresh turn, not its unused two.
    assertThat(List.of(drr.poll(), drr.poll(), drr.poll(), drr.poll()))
        .containsExactly("b1", "g2", "g3", "b2");
  }

  @Test
  void eachTenantKeepsItsOwnOrder() {
    var drr = new DeficitRoundRobin<String>();
    List.of("a1", "b1", "a2", "b2", "a3").forEach(i -> drr.offer(i.substring(0, 1), 1, i));
    assertThat(drr.pollAll()).containsExactly("a1", "b1", "a2", "b2", "a3");
    assertThat(drr.size()).isZero();
    assertThat(drr.poll()).isNull();
  }

  @Test
  void countsWhatWaitsPerTenant() {
    var drr = new DeficitRoundRobin<String>();
    drr.offer("a", 1, "a1");
    drr.offer("a", 1, "a2");
    drr.offer("b", 1, "b1");
    assertThat(drr.size()).isEqualTo(3);
    assertThat(drr.size("a")).isEqualTo(2);
    assertThat(drr.size("c")).isZero();
  }

  @Test
  void refusesWeightsBelowOne() {
    assertThatThrownBy(() -> new DeficitRoundRobin<String>().offer("a", 0, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
