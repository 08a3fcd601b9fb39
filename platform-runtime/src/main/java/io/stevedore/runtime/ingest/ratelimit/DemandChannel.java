package io.stevedore.runtime.ingest.ratelimit;

import java.util.function.Consumer;

/**
 * Carries every ingest pod's {@link DemandReport} to every ingest pod of the Environment, the
 * sender included (its own report coming back is how a pod knows the channel works).
 */
public interface DemandChannel extends AutoCloseable {

  /** Starts delivering every pod's reports to {@code listener}. */
  void start(Consumer<DemandReport> listener);

  /** Sends this pod's report; false when it could not (the budget then falls back). */
  boolean publish(DemandReport report);

  /** This pod's reports stopped coming back (a queue or binding gone): connect anew. */
  void reconnect();

  @Override
  void close();
}
