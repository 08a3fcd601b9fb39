package io.stevedore.runtime.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Polls a namespace's processing log every 10 ms and stamps each new row with the time it was seen:
 * when each batch was processed, to ~10 ms, on this machine's clock. Ids are assigned at insert but
 * rows of concurrent transactions commit out of order, so every poll looks back {@link #LOOK_BACK}
 * ids and skips rows it has seen.
 */
final class ProcessingLogWatch implements AutoCloseable {

  /** A batch seen processed, and when (epoch millis). */
  record Processed(String tenant, String batchId, long atMillis) {}

  private final JdbcTemplate jdbc;
  private final String namespace;
  private static final long LOOK_BACK = 500;

  private final List<Processed> seen = new ArrayList<>();
  private final Set<Long> seenIds = new HashSet<>();
  private final Thread poller;
  private volatile boolean running = true;
  private long lastId;

  ProcessingLogWatch(JdbcTemplate jdbc, String namespace) {
    this.jdbc = jdbc;
    this.namespace = namespace;
    this.poller = new Thread(this::poll, "processing-log-watch");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    while (running) {
      try {
        List<Object[]> rows =
            jdbc.query(
                "SELECT id, tenant, batch_id FROM processing_log WHERE namespace = ? AND id > ?"
                    + " ORDER BY id",
                (row, i) -> new Object[] {row.getLong(1), row.getString(2), row.getString(3)},
                namespace,
                lastId - LOOK_BACK);
        long now = System.currentTimeMillis();
        synchronized (seen) {
          for (Object[] row : rows) {
            long id = (Long) row[0];
            if (seenIds.add(id)) {
              lastId = Math.max(lastId, id);
              seen.add(new Processed((String) row[1], (String) row[2], now));
            }
          }
        }
      } catch (RuntimeException e) {
        // The table appears once the worker's Flyway migration ran.
      }
      LockSupport.parkNanos(10_000_000L);
    }
  }

  List<Processed> processed() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  long processedOf(Predicate<String> tenant) {
    synchronized (seen) {
      return seen.stream().filter(p -> tenant.test(p.tenant())).count();
    }
  }

  @Override
  public void close() {
    running = false;
  }
}
