package io.stevedore.operator.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromotionChainTest {

  @ParameterizedTest(name = "{0} with links {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "prod | prod>staging staging>dev   | ",
        "prod | prod>staging staging>prod  | prod staging prod",
        "prod | prod>prod                  | prod prod",
        "prod | prod>staging staging>dev dev>staging | staging dev staging",
        "dev  | prod>staging staging>dev   | ",
        "prod | prod>missing               | ",
      })
  void followsFromLinksAndReportsTheLoopItRunsInto(String start, String links, String expected) {
    Map<String, String> from = new HashMap<>();
    for (String link : links.trim().split("\\s+")) {
      String[] parts = link.split(">");
      from.put(parts[0], parts[1]);
    }

    var cycle = PromotionChain.cycle(start, from::get);

    if (expected == null) {
      assertThat(cycle).isEmpty();
    } else {
      List<String> path = Arrays.asList(expected.trim().split("\\s+"));
      assertThat(cycle).contains(path);
      assertThat(PromotionChain.describe(cycle.get())).isEqualTo(String.join(" → ", path));
    }
  }
}
