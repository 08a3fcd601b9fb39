package io.stevedore.runtime.broker;

import io.stevedore.contract.TenantDirectory;

/** A message taken from a tenant's queue; the worker settles it exactly once. */
public interface Delivery {

  TenantDirectory.Entry tenant();

  byte[] body();

  /** 1 for the first delivery of this message, counting retries through the delay queues. */
  int attempt();

  /** Processed and durably written: remove it from the queue. */
  void ack();

  /**
   * Processing failed: try again after the next retry delay, or move it to the dead-letter queue
   * (with the reason) once {@link io.stevedore.contract.TenantQueues#MAX_ATTEMPTS} is reached.
   */
  void fail(String reason);

  /** Not processed (the worker is stopping): return it to the queue now, as not attempted. */
  void release();
}
