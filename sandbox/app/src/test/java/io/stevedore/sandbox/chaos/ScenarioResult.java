package io.stevedore.sandbox.chaos;

import java.util.List;

/**
 * What one chaos scenario found: events answered 202 and not stored (lost), stored more than once
 * (duplicated), dead-lettered; objects left behind (orphans); processes that died on their own
 * (crashes); and any other broken promise, in words.
 */
record ScenarioResult(
    String name,
    long accepted,
    long lost,
    long duplicated,
    long deadLettered,
    long orphans,
    long crashes,
    List<String> problems,
    String details) {

  boolean clean() {
    return lost == 0
        && duplicated == 0
        && deadLettered == 0
        && orphans == 0
        && crashes == 0
        && problems.isEmpty();
  }

  String line() {
    return "%-24s accepted=%d lost=%d duplicated=%d dead_lettered=%d orphans=%d crashes=%d %s%s"
        .formatted(
            name,
            accepted,
            lost,
            duplicated,
            deadLettered,
            orphans,
            crashes,
            details,
            problems.isEmpty() ? "" : " PROBLEMS: " + String.join("; ", problems));
  }

  /** The benchmark's last line over all scenarios. */
  static String resultLine(List<ScenarioResult> results) {
    return "RESULT chaos %d lost duplicated=%d dead_lettered=%d orphans=%d crashes=%d accepted=%d scenarios=%d"
        .formatted(
            results.stream().mapToLong(ScenarioResult::lost).sum(),
            results.stream().mapToLong(ScenarioResult::duplicated).sum(),
            results.stream().mapToLong(ScenarioResult::deadLettered).sum(),
            results.stream().mapToLong(ScenarioResult::orphans).sum(),
            results.stream().mapToLong(ScenarioResult::crashes).sum(),
            results.stream().mapToLong(ScenarioResult::accepted).sum(),
            results.size());
  }
}
