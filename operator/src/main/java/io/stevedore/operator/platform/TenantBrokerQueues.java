package io.stevedore.operator.platform;

import io.stevedore.contract.SqsQueueNames;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import java.util.Optional;

/**
 * Which queues a Tenant has on its Environment's broker (pure): the contract's RabbitMQ names, or
 * on SQS the names chosen once and then kept, so that an upgrade never moves a tenant's queues.
 */
public final class TenantBrokerQueues {
  private TenantBrokerQueues() {}

  /** The tenant's queues on {@code environment}'s broker. */
  public static TenantQueues of(Tenant tenant, Environment environment) {
    return onSqs(environment)
        ? TenantQueues.onSqs(sqsNames(tenant))
        : TenantQueues.of(tenant.getMetadata().getNamespace(), tenant.getMetadata().getName());
  }

  /** Whether the Environment's broker is SQS. */
  public static boolean onSqs(Environment environment) {
    return environment.getSpec().getBroker().getType() == BrokerType.SQS;
  }

  /**
   * The tenant's SQS names: those its status records; else, for a tenant provisioned before names
   * were recorded, the legacy names its queues were made with; else the collision-free names.
   */
  public static SqsQueueNames sqsNames(Tenant tenant) {
    String namespace = tenant.getMetadata().getNamespace();
    String name = tenant.getMetadata().getName();
    TenantStatus status = tenant.getStatus();
    if (status != null && status.getSqsQueue() != null && status.getSqsDeadLetterQueue() != null) {
      return new SqsQueueNames(status.getSqsQueue(), status.getSqsDeadLetterQueue());
    }
    Optional<SqsQueueNames> legacy =
        status != null && Boolean.TRUE.equals(status.getQueuesProvisioned())
            ? SqsQueueNames.legacy(namespace, name)
            : Optional.empty();
    return legacy.orElseGet(() -> SqsQueueNames.of(namespace, name));
  }
}
