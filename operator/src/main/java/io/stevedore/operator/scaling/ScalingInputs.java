package io.stevedore.operator.scaling;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one scaling decision depends on.
 *
 * @param currentReplicas the Deployment's spec.replicas now
 * @param quota how many more pods the namespace's quotas admit; empty when no quota applies
 * @param tenantLimit the sum of the served tenants' plan.maxWorkers; empty when unlimited
 */
public record ScalingInputs(
    ScalingParameters parameters,
    Pause pause,
    int currentReplicas,
    ObservationResult observation,
    Optional<QuotaHeadroom> quota,
    OptionalInt tenantLimit,
    ScalingHistory history,
    Instant now) {}
