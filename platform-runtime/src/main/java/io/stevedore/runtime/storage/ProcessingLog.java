package io.stevedore.runtime.storage;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-batch audit in MySQL table {@code processing_log}: one row per batch, which a redelivered
 * batch updates instead of adding another (unique on namespace, tenant, batch_id).
 */
public class ProcessingLog {
  private static final String UPSERT =
      """
      INSERT INTO processing_log
        (namespace, tenant, batch_id, received, stored, dropped, dead_lettered, attempts, worker,
         processed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON DUPLICATE KEY UPDATE
        received = VALUES(received), stored = VALUES(stored), dropped = VALUES(dropped),
        dead_lettered = VALUES(dead_lettered), attempts = VALUES(attempts),
        worker = VALUES(worker), processed_at = VALUES(processed_at)
      """;

  /**
   * What became of one batch.
   *
   * @param received events in the batch
   * @param stored events written to the tenant's table
   * @param dropped events its rules dropped
   * @param deadLettered events moved to the dead-letter queue with the batch
   * @param attempts the delivery attempt that settled it (1 for the first)
   */
  public record Entry(
      String namespace,
      String tenant,
      String batchId,
      int received,
      int stored,
      int dropped,
      int deadLettered,
      int attempts,
      Instant processedAt) {}

  private final JdbcTemplate jdbc;
  private final String worker;

  /**
   * @param worker the name of this worker instance (its pod), recorded on each row
   */
  public ProcessingLog(JdbcTemplate jdbc, String worker) {
    this.jdbc = jdbc;
    this.worker = worker;
  }

  public void record(Entry entry) {
    jdbc.update(
        UPSERT,
        entry.namespace(),
        entry.tenant(),
        entry.batchId(),
        entry.received(),
        entry.stored(),
        entry.dropped(),
        entry.deadLettered(),
        entry.attempts(),
        worker,
        Timestamp.from(entry.processedAt()));
  }
}
