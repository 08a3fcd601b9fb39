package io.stevedore.operator.release;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The chain of environments releases are promoted along (prod ← staging ← dev), and its loops. */
public final class PromotionChain {
  private PromotionChain() {}

  /**
   * The loop that following {@code from} links from {@code start} runs into, as the environments in
   * order with the first repeated at the end (e.g. {@code [prod, staging, prod]}); empty when the
   * chain ends. {@code from} returns null where an environment names no source.
   */
  public static Optional<List<String>> cycle(String start, Function<String, String> from) {
    Set<String> seen = new LinkedHashSet<>();
    String current = start;
    while (current != null) {
      if (!seen.add(current)) {
        List<String> path = new ArrayList<>(seen);
        path.add(current);
        return Optional.of(path.subList(path.indexOf(current), path.size()));
      }
      current = from.apply(current);
    }
    return Optional.empty();
  }

  /** A loop as users read it: {@code prod → staging → prod}. */
  public static String describe(List<String> cycle) {
    return String.join(" → ", cycle);
  }
}
