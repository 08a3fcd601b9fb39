package io.stevedore.runtime.ingest.ratelimit;

import java.util.Map;

/**
 * How much of a tenant's plan one ingest pod may accept, from the demand every pod reported: the
 * decision of the shared rate budget, pure so that a table of cases can pin it down.
 *
 * <p>Modelled on Doorman's proportional share (capacity apportioned from each client's "wants"),
 * computed by every pod from the same reports instead of by a master:
 *
 * <ul>
 *   <li>Every live pod is first given a small floor, so a pod whose first request for the tenant
 *       arrives while another pod uses the whole plan is not starved until its demand is reported.
 *       The floors add up to {@link #FLOOR_SHARE} of the plan at most.
 *   <li>The rest goes by demand beyond the floor: each pod gets what it asks for when the asks fit,
 *       and the spare is split evenly (so every pod can grow); when they do not fit, each gets a
 *       part proportional to its ask.
 *   <li>Pods that are expected ({@code STEVEDORE_INGEST_REPLICAS}) but silent may be serving on
 *       their fallback share of 1/N: the live pods share only what is left, so the total stays
 *       within the plan.
 *   <li>Without the shared view (no channel, or this pod's own report did not come back) a pod
 *       enforces 1/N of the plan: the safe bound that needs no coordination.
 * </ul>
 *
 * <p>When all pods see the same reports, their allowances add up to the plan exactly.
 */
public final class RateShares {
  /** The part of the plan held back, at most, for live pods that have no demand yet. */
  static final double FLOOR_SHARE = 0.05;

  private RateShares() {}

  /**
   * What one pod knows of a tenant's demand.
   *
   * @param shared whether the pod sees the other pods' reports (its own report came back in time)
   * @param demandByPod events per second asked of each live pod (this pod included; a pod that
   *     reported nothing for the tenant asks 0), over the last reporting window
   */
  public record View(boolean shared, Map<String, Double> demandByPod) {
    public View {
      demandByPod = Map.copyOf(demandByPod);
    }

    /** The view of a pod that cannot see the others. */
    public static View unshared() {
      return new View(false, Map.of());
    }
  }

  /**
   * Events per second pod {@code self} may accept for a tenant.
   *
   * @param planPerSecond the tenant's plan, for the whole Environment
   * @param expectedPods ingest replicas the Environment asks for (at least 1)
   * @param self this pod's id, a key of {@code view.demandByPod()} when the view is shared
   */
  public static double allowance(int planPerSecond, int expectedPods, String self, View view) {
    double plan = Math.max(0, planPerSecond);
    int expected = Math.max(1, expectedPods);
    if (!view.shared() || !view.demandByPod().containsKey(self)) {
      return plan / expected;
    }
    Map<String, Double> demands = view.demandByPod();
    int live = demands.size();
    double budget = plan * Math.min(1.0, (double) live / expected);
    double floor = Math.min(plan * FLOOR_SHARE / Math.max(expected, live), budget / live);
    double distributable = budget - live * floor;
    double asks = 0;
    for (double demand : demands.values()) {
      asks += beyondFloor(demand, plan, floor);
    }
    double mine = beyondFloor(demands.get(self), plan, floor);
    if (asks <= distributable) {
      return floor + mine + (distributable - asks) / live;
    }
    return floor + distributable * mine / asks;
  }

  /** A pod's ask beyond the floor; no pod can use more than the plan. */
  private static double beyondFloor(double demand, double plan, double floor) {
    double sane = Double.isFinite(demand) ? demand : 0;
    return Math.max(0, Math.min(sane, plan) - floor);
  }
}
