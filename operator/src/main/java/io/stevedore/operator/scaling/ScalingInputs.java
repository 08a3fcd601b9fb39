package io.stevedore.operator.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one scaling decision depends on.
 *
 * @param currentReplicas the Deployment's spec.replicas now
 * @param quota how many more pods the namespace's quotas admit; empty when no quota applies
 * @param tenantCaps each served tenant's plan.maxWorkers: most replicas its backlog calls for
 */
public record ScalingInputs(
    ScalingParameters parameters,
    Pause pause,
    int currentReplicas,
    ObservationResult observation,
    Optional<QuotaHeadroom> quota,
    List<TenantCap> tenantCaps,
    ScalingHistory history,
    Instant now) {}
