package io.stevedore.operator.broker;

import io.stevedore.contract.TenantQueues;
import java.util.List;

/**
 * A tenant's queues on its Environment's broker (RabbitMQ or SQS), declared exactly as the platform
 * contract says, so that the runtime publishes and consumes them as they are.
 */
public interface TenantQueueBroker {

  /** The tenant's queues that do not exist (a look only: nothing is created). */
  List<String> missingQueues(TenantQueues queues) throws BrokerException;

  /** Creates whichever of the tenant's queues are missing; returns the names it created. */
  List<String> ensureQueues(TenantQueues queues) throws BrokerException;

  /**
   * Declares all of the tenant's queues at once (idempotent), for a tenant whose queues were never
   * made: cheaper than looking for each first.
   */
  void declareQueues(TenantQueues queues) throws BrokerException;

  /** What the tenant's queues hold now; a missing queue holds nothing. */
  QueueBacklog backlog(TenantQueues queues) throws BrokerException;

  /** Deletes the tenant's queues, messages and all; a missing queue is already deleted. */
  void deleteQueues(TenantQueues queues) throws BrokerException;
}
