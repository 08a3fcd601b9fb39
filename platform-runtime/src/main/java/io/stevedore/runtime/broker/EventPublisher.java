package io.stevedore.runtime.broker;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.event.EventBatch;
import java.time.Duration;

/** Puts accepted batches on their tenant's queue. */
public interface EventPublisher {

  /**
   * Returns only once the broker has durably taken the batch (publisher confirm, or SQS's answer).
   *
   * @throws BrokerUnavailableException if it did not within {@code timeout}, or refused it
   */
  void publish(TenantDirectory.Entry tenant, EventBatch batch, Duration timeout);
}
