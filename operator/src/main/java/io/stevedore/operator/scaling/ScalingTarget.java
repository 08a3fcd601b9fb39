package io.stevedore.operator.scaling;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.operator.api.v1alpha1.Environment;
import java.util.List;

/**
 * What the WorkerPool reconciler tells the autoscaler about a pool; the pool itself (spec and pause
 * annotations), its Deployment and pods are read fresh from the controller's caches on every tick.
 *
 * @param cluster the WorkerPool controller's caches
 * @param deployment the name of the pool's worker Deployment
 * @param queues the main queues of the tenants the pool serves
 * @param tenantCaps each served tenant's plan.maxWorkers, by its queue
 */
public record ScalingTarget(
    ResourceID pool,
    ClusterView cluster,
    Environment environment,
    String deployment,
    List<String> queues,
    List<TenantCap> tenantCaps) {}
