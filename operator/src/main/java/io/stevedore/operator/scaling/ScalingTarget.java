package io.stevedore.operator.scaling;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the WorkerPool reconciler tells the autoscaler about a pool; the pool itself (spec and pause
 * annotations) is read fresh from the controller's cache on every tick.
 *
 * @param pools the WorkerPool controller's cache
 * @param queues the main queues of the tenants the pool serves
 * @param tenantLimit the sum of their plan.maxWorkers; empty without tenants
 */
public record ScalingTarget(
    ResourceID pool,
    IndexedResourceCache<WorkerPool> pools,
    Environment environment,
    String deployment,
    List<String> queues,
    OptionalInt tenantLimit) {}
