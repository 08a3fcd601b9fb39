package io.stevedore.operator.scaling;

import java.util.Optional;

/**
 * The autoscaler's latest word on a pool, which the reconciler writes to status.scaling and the
 * scaling conditions.
 *
 * @param applyProblem why the decision could not be applied to the Deployment, if it could not
 * @param note what a source could not tell (e.g. the management API failed), or empty
 * @param outage the workers that paused consumption for a store's outage, from the pods' samples
 *     (read even when the queues could not be)
 */
public record ScalingReport(
    ScalingDecision decision, Optional<String> applyProblem, String note, WorkerOutage outage) {

  private static java.util.List<String> cappedTenants(ScalingDecision decision) {
    return decision
        .signals()
        .map(s -> s.tenantShares().stream().filter(TenantShares.TenantShare::capped))
        .map(shares -> shares.map(TenantShares.TenantShare::tenant).toList())
        .orElse(java.util.List.of());
  }

  /** Whether {@code other} differs in anything but the inputs' values. */
  boolean materiallyDiffers(ScalingReport other) {
    if (other == null) {
      return true;
    }
    ScalingDecision a = decision;
    ScalingDecision b = other.decision;
    return a.desiredReplicas() != b.desiredReplicas()
        || a.currentReplicas() != b.currentReplicas()
        || a.rule() != b.rule()
        || a.fallback() != b.fallback()
        || a.active() != b.active()
        || !a.failure()
            .map(ObservationFailure::kind)
            .equals(b.failure().map(ObservationFailure::kind))
        || !a.pause().reason().equals(b.pause().reason())
        || a.quotaLimit().isPresent() != b.quotaLimit().isPresent()
        || !cappedTenants(a).equals(cappedTenants(b))
        || !outage.equals(other.outage)
        || !applyProblem.equals(other.applyProblem);
  }
}
