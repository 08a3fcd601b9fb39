package io.stevedore.runtime.broker;

import io.stevedore.contract.TenantDirectory;
import java.util.List;
import java.util.function.Consumer;

/** The consumers of a worker: one per served tenant queue. */
public interface QueueConsumers extends AutoCloseable {

  /**
   * Consumes exactly these tenants' queues from now on, starting and stopping consumers to match
   * (again after {@link #stopConsuming}).
   */
  void serve(List<TenantDirectory.Entry> tenants, Consumer<Delivery> handler);

  /**
   * Takes no new deliveries until the next {@link #serve} (a pause) or ever (a drain); deliveries
   * already handed out are still settled.
   */
  void stopConsuming();

  @Override
  void close();
}
