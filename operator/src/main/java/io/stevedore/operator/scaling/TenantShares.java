package io.stevedore.operator.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a pool's demand splits over its tenants, each tenant's part capped at its own
 * plan.maxWorkers, so one tenant's backlog cannot spend the others' allowance. Pure.
 *
 * @param demand the pool's demand after the caps (replicas, fractional)
 * @param shares one per served tenant, in the caps' order; empty when no tenant has a cap
 */
public record TenantShares(double demand, List<TenantShare> shares) {

  /**
   * A tenant's part of the demand.
   *
   * @param backlog its queue's messages waiting or in flight
   * @param replicas the replicas its part calls for before its cap
   * @param capped whether its cap cut its part
   */
  public record TenantShare(
      String tenant, long backlog, double replicas, int maxWorkers, boolean capped) {

    /** Replicas it gets: its part, at most its cap. */
    public double granted() {
      return Math.min(replicas, maxWorkers);
    }
  }

  /**
   * Splits {@code demand} in proportion to each tenant's backlog (equally when no tenant has one:
   * the demand then comes from arrivals alone) and caps each part at the tenant's maxWorkers.
   *
   * @param backlogByQueue messages waiting or in flight per queue; a queue absent counts as empty
   */
  public static TenantShares apportion(
      double demand, Map<String, Long> backlogByQueue, List<TenantCap> caps) {
    if (caps.isEmpty()) {
      return new TenantShares(demand, List.of());
    }
    long total = 0;
    for (TenantCap cap : caps) {
      total += Math.max(0, backlogByQueue.getOrDefault(cap.queue(), 0L));
    }
    List<TenantShare> shares = new ArrayList<>(caps.size());
    double granted = 0;
    for (TenantCap cap : caps) {
      long backlog = Math.max(0, backlogByQueue.getOrDefault(cap.queue(), 0L));
      double part = total > 0 ? demand * backlog / total : demand / caps.size();
      var share =
          new TenantShare(
              cap.tenant(), backlog, part, cap.maxWorkers(), part > cap.maxWorkers() + 1e-9);
      shares.add(share);
      granted += share.granted();
    }
    return new TenantShares(granted, List.copyOf(shares));
  }

  /** Whether some tenant's cap cut the demand. */
  public boolean capped() {
    return shares.stream().anyMatch(TenantShare::capped);
  }

  /** The names of the tenants at their cap. */
  public List<String> cappedTenants() {
    return shares.stream().filter(TenantShare::capped).map(TenantShare::tenant).toList();
  }
}
