package io.stevedore.operator.broker;

import io.stevedore.contract.TenantQueues;

/**
 * A tenant's queues on its Environment's broker (RabbitMQ or SQS), declared exactly as the platform
 * contract says, so that the runtime publishes and consumes them as they are.
 */
public interface TenantQueueBroker {

  /** The tenant's queues that do not exist and how the others are declared (nothing is created). */
  QueueSurvey survey(TenantQueues queues) throws BrokerException;

  /** Creates whichever of the tenant's queues are missing; {@code missing} names those it made. */
  QueueSurvey ensureQueues(TenantQueues queues) throws BrokerException;

  /**
   * Declares all of the tenant's queues at once (idempotent), for a tenant whose queues were never
   * made: cheaper than looking for each first. Queues that exist with the other queue type's
   * arguments are kept as they are.
   */
  QueueSurvey declareQueues(TenantQueues queues) throws BrokerException;

  /** What the tenant's queues hold now; a missing queue holds nothing. */
  QueueBacklog backlog(TenantQueues queues) throws BrokerException;

  /**
   * Deletes the tenant's queues, main queue first; a missing queue is already deleted. Unless
   * {@code evenIfNotEmpty}, a queue is deleted only while it is empty (checked by the broker where
   * it can, and re-checked after new messages are fenced off), else {@link QueueNotEmptyException}
   * and the queues that remain are untouched.
   */
  void deleteQueues(TenantQueues queues, boolean evenIfNotEmpty) throws BrokerException;
}
