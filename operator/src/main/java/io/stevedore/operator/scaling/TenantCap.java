package io.stevedore.operator.scaling;

/**
 * A served tenant's limit on the pool's size.
 *
 * @param tenant the Tenant's name
 * @param queue its main queue
 * @param maxWorkers its plan.maxWorkers: most replicas its backlog may call for
 */
public record TenantCap(String tenant, String queue, int maxWorkers) {}
