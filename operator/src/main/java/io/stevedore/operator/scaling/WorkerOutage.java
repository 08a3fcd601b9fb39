package io.stevedore.operator.scaling;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Worker pods that paused consumption because a store (DynamoDB, MySQL) is unavailable, as their
 * `/actuator/inflight` said: how many, out of how many that answered, and per store how many report
 * its circuit breaker open or half-open.
 *
 * @param pausedPods pods that answered and report paused
 * @param readPods pods that answered
 * @param podsByDependency per store, the pods that report its circuit not closed (sorted by store)
 */
public record WorkerOutage(int pausedPods, int readPods, Map<String, Integer> podsByDependency) {
  public static final WorkerOutage NONE = new WorkerOutage(0, 0, Map.of());

  public WorkerOutage {
    podsByDependency = java.util.Collections.unmodifiableMap(new TreeMap<>(podsByDependency));
  }

  public static WorkerOutage of(List<PodSample> pods) {
    int read = 0;
    int paused = 0;
    Map<String, Integer> byDependency = new TreeMap<>();
    for (PodSample pod : pods) {
      if (!pod.readable()) {
        continue;
      }
      read++;
      if (pod.paused()) {
        paused++;
      }
      pod.unavailable().forEach(store -> byDependency.merge(store, 1, Integer::sum));
    }
    return new WorkerOutage(paused, read, byDependency);
  }

  /** Whether any worker has paused consumption: adding workers would not drain anything. */
  public boolean paused() {
    return pausedPods > 0;
  }

  /** The stores reported unavailable, e.g. "dynamodb, mysql"; "a store" when none is named. */
  public String dependencies() {
    return podsByDependency.isEmpty() ? "a store" : String.join(", ", podsByDependency.keySet());
  }

  /** One sentence for a condition or an Event. */
  public String describe() {
    if (!paused()) {
      return readPods == 0
          ? "no worker pod answered"
          : "all " + readPods + " worker pods that answered are consuming";
    }
    StringBuilder text = new StringBuilder();
    podsByDependency.forEach(
        (store, count) ->
            text.append(text.isEmpty() ? "" : ", ")
                .append(store)
                .append(" unavailable on ")
                .append(count)
                .append(" of ")
                .append(readPods)
                .append(" pods"));
    if (text.isEmpty()) {
      text.append("a store is unavailable");
    }
    return text
        + ": "
        + pausedPods
        + " of "
        + readPods
        + " workers paused consumption; messages wait in their queues";
  }
}
