package io.stevedore.operator.scaling;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a scale-in removes and the `controller.kubernetes.io/pod-deletion-cost` that makes the
 * ReplicaSet remove exactly those: pods that are not ready first, then draining ones, then the
 * least in-flight work; pods whose work could not be read are kept as if busy.
 */
public final class ScaleInVictims {
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  /** Cost of the first victim; later victims cost one more each, all below any kept pod. */
  static final int VICTIM_COST = -1000;

  /** Cost of a pod whose in-flight work is unknown: kept before any pod that is known idle. */
  static final int UNKNOWN_COST = 1_000_000;

  private ScaleInVictims() {}

  /** Deletion costs for every pod, so that the {@code remove} cheapest are the victims. */
  public static Map<String, Integer> deletionCosts(List<PodSample> pods, int remove) {
    List<PodSample> ranked =
        pods.stream()
            .sorted(
                Comparator.comparing((PodSample p) -> p.ready())
                    .thenComparing(p -> !p.draining())
                    .thenComparingInt(p -> p.inFlight().orElse(Integer.MAX_VALUE))
                    .thenComparing(PodSample::name))
            .toList();
    Map<String, Integer> costs = new LinkedHashMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      PodSample pod = ranked.get(i);
      int cost =
          i < remove
              ? VICTIM_COST + i
              : pod.inFlight().isPresent()
                  ? Math.min(pod.inFlight().getAsInt(), UNKNOWN_COST - 1)
                  : UNKNOWN_COST;
      costs.put(pod.name(), cost);
    }
    return costs;
  }

  /** The names of the {@code remove} pods a scale-in takes. */
  public static List<String> victims(List<PodSample> pods, int remove) {
    return deletionCosts(pods, remove).entrySet().stream()
        .filter(e -> e.getValue() < 0)
        .map(Map.Entry::getKey)
        .toList();
  }
}
