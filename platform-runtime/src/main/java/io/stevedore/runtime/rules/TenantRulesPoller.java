package io.stevedore.runtime.rules;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks {@link TenantRules} every {@code interval} which tenants' rules changed in MySQL. */
public final class TenantRulesPoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TenantRulesPoller.class);
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "rules-poller");
            thread.setDaemon(true);
            return thread;
          });

  public TenantRulesPoller(TenantRules rules, Duration interval) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            rules.reloadChanged();
          } catch (RuntimeException e) {
            // MySQL unavailable: the TTL still bounds how stale rules get.
            log.debug("Could not poll rules hashes: {}", e.getMessage());
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
