package io.stevedore.operator.scaling;

import java.time.Instant;
import java.util.Optional;

/**
 * What the autoscaler decided about a pool, why, and from what; {@link #next()} is the history the
 * following decision starts from.
 *
 * @param recommendedReplicas what the observations call for, before bounds, rate limits, quota and
 *     pauses (the current replicas when the observation failed)
 * @param desiredReplicas what to apply to the Deployment
 * @param signals the inputs of the last successful observation
 * @param failure why this observation failed, if it did
 * @param fallback whether the fallback behaviour applies
 * @param active whether the pool has work above its activation threshold
 * @param quotaLimit the quota that capped the decision, if one did
 */
public record ScalingDecision(
    Instant at,
    int currentReplicas,
    int recommendedReplicas,
    int desiredReplicas,
    ScalingRule rule,
    String message,
    Optional<ScalingSignals> signals,
    Optional<ObservationFailure> failure,
    int consecutiveFailures,
    boolean fallback,
    boolean active,
    Optional<QuotaHeadroom> quotaLimit,
    Pause pause,
    Optional<Instant> lastScaleTime,
    ScalingHistory next) {

  /** Whether the decision changes the replicas. */
  public boolean scales() {
    return desiredReplicas != currentReplicas;
  }
}
