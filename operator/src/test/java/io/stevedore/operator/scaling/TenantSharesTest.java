package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantSharesTest {
  private static final List<TenantCap> THREE =
      List.of(
          new TenantCap("a", "qa", 2), new TenantCap("b", "qb", 4), new TenantCap("c", "qc", 4));

  static Stream<Arguments> cases() {
    // name, demand, backlogs, caps → capped demand, capped tenants
    return Stream.of(
        Arguments.of("no tenants: the demand as it is", 7.0, Map.of(), List.of(), 7.0, List.of()),
        Arguments.of(
            "one flooding tenant gets at most its own cap",
            10.0,
            Map.of("qa", 1000L),
            THREE,
            2.0,
            List.of("a")),
        Arguments.of(
            "parts follow the backlog; only the one over its cap is cut",
            10.0,
            Map.of("qa", 500L, "qb", 300L, "qc", 200L),
            THREE,
            2.0 + 3.0 + 2.0,
            List.of("a")),
        Arguments.of(
            "within every cap nothing changes",
            3.0,
            Map.of("qa", 100L, "qb", 100L, "qc", 100L),
            THREE,
            3.0,
            List.of()),
        Arguments.of(
            "no backlog: arrivals split equally",
            9.0,
            Map.of(),
            THREE,
            2.0 + 3.0 + 3.0,
            List.of("a")),
        Arguments.of(
            "a queue of another pool does not count",
            4.0,
            Map.of("qa", 100L, "elsewhere", 10_000L),
            THREE,
            2.0,
            List.of("a")),
        Arguments.of(
            "everyone over their cap: the sum of the caps",
            100.0,
            Map.of("qa", 10L, "qb", 10L, "qc", 10L),
            THREE,
            10.0,
            List.of("a", "b", "c")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void capsEachTenantsPartAtItsOwnMaxWorkers(
      String name,
      double demand,
      Map<String, Long> backlogs,
      List<TenantCap> caps,
      double expected,
      List<String> capped) {
    TenantShares shares = TenantShares.apportion(demand, backlogs, caps);

    assertThat(shares.demand()).isCloseTo(expected, within(1e-9));
    assertThat(shares.cappedTenants()).isEqualTo(capped);
    assertThat(shares.capped()).isEqualTo(!capped.isEmpty());
    assertThat(shares.shares()).hasSize(caps.size());
  }
}
