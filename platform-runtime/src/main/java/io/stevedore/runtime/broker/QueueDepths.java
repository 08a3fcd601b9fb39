package io.stevedore.runtime.broker;

import io.stevedore.contract.TenantDirectory;

/** How many of a tenant's batches wait on the broker, for the tenant's dashboard. */
public interface QueueDepths {

  /**
   * Batches (messages) of one tenant on the broker.
   *
   * @param ready waiting in the main queue for a worker
   * @param delayed waiting for a retry (RabbitMQ: in the delay queues; SQS: invisible, that is in
   *     flight or waiting out a retry's visibility timeout)
   * @param deadLettered in the dead-letter queue, given up on
   */
  record QueueDepth(long ready, long delayed, long deadLettered) {}

  /**
   * @throws BrokerUnavailableException when the broker cannot be asked
   */
  QueueDepth of(TenantDirectory.Entry tenant);
}
