package io.stevedore.runtime.worker;

import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.contract.rules.Rule;
import io.stevedore.runtime.broker.Delivery;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.rules.RuleEngine;
import io.stevedore.runtime.rules.TenantRules;
import io.stevedore.runtime.storage.ActivityItems;
import io.stevedore.runtime.storage.ProcessingLog;
import io.stevedore.runtime.storage.RecordItems;
import io.stevedore.runtime.storage.RecordWriter;
import io.stevedore.runtime.worker.WorkerMetrics.EventOutcome;
import io.stevedore.runtime.worker.outage.Dependency;
import io.stevedore.runtime.worker.outage.DependencyBreakers;
import io.stevedore.runtime.worker.outage.DependencyFailures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;

/**
 * Processes one delivery, whatever the broker: decode the batch, apply the tenant's rules, write
 * the records and the dashboard's index items ({@link ActivityItems}) to the tenant's table, record
 * the batch in the processing log, then ack. Writes are idempotent by key, so a redelivered batch
 * overwrites its records, its index items and its log row. When a store is unavailable ({@link
 * DependencyFailures}) the delivery goes back to its queue without counting an attempt, and the
 * store's circuit breaker hears of it; any other failure, {@link Error}s included, goes to {@link
 * Delivery#fail}: retried with backoff, then dead-lettered with the reason.
 */
public class BatchProcessor {
  private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

  private final TenantRules rules;
  private final RecordWriter writer;
  private final ProcessingLog processingLog;
  private final WorkerMetrics metrics;
  private final DependencyBreakers breakers;
  private final Clock clock;

  public BatchProcessor(
      TenantRules rules,
      RecordWriter writer,
      ProcessingLog processingLog,
      WorkerMetrics metrics,
      DependencyBreakers breakers,
      Clock clock) {
    this.rules = rules;
    this.writer = writer;
    this.processingLog = processingLog;
    this.metrics = metrics;
    this.breakers = breakers;
    this.clock = clock;
  }

  /**
   * Processes and settles {@code delivery}; throws only if the broker refused the ack (the message
   * then comes back, and processing it again is idempotent).
   */
  public void process(Delivery delivery) {
    long started = System.nanoTime();
    TenantDirectory.Entry tenant = delivery.tenant();
    MDC.put("tenant", tenant.namespace() + "/" + tenant.name());
    EventBatch batch = null;
    String outcome = "acked";
    try {
      ProcessingLog.Entry entry;
      try {
        batch = decode(delivery.body(), tenant);
        MDC.put("batchId", batch.batchId());
        if (batch.receivedAt() != null) {
          metrics.queueWait(tenant, batch.receivedAt(), clock.instant());
        }
        entry = storeWithPermit(tenant, batch, delivery.attempt());
      } catch (RuntimeException | Error e) {
        Optional<Dependency> unavailable = DependencyFailures.outageOf(e);
        outcome =
            unavailable.isPresent()
                ? postpone(delivery, batch, unavailable.get(), e)
                : fail(delivery, batch, e);
        return;
      }
      delivery.ack();
      metrics.events(tenant, EventOutcome.STORED, entry.stored());
      metrics.events(tenant, EventOutcome.DROPPED, entry.dropped());
    } finally {
      metrics.batch(tenant, outcome, System.nanoTime() - started);
      MDC.remove("batchId");
      MDC.remove("tenant");
    }
  }

  /** Stores the batch, telling the stores' breakers whether they were available for it. */
  private ProcessingLog.Entry storeWithPermit(
      TenantDirectory.Entry tenant, EventBatch batch, int attempt) {
    DependencyBreakers.Permit permit = breakers.acquire();
    try {
      var entry = store(tenant, batch, attempt);
      permit.answered();
      return entry;
    } catch (RuntimeException | Error e) {
      DependencyFailures.outageOf(e)
          .ifPresentOrElse(dependency -> permit.unavailable(dependency, e), permit::answered);
      throw e;
    }
  }

  private ProcessingLog.Entry store(TenantDirectory.Entry tenant, EventBatch batch, int attempt) {
    List<Rule> tenantRules = rules.of(tenant.namespace(), tenant.name());
    // Keyed as in the table: an event sent twice in one batch is written once.
    Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    Map<String, DeviceEvent> stored = new LinkedHashMap<>();
    int dropped = 0;
    for (DeviceEvent event : batch.events()) {
      Optional<DeviceEvent> kept = RuleEngine.apply(tenantRules, event);
      if (kept.isEmpty()) {
        dropped++;
        continue;
      }
      var item = RecordItems.item(kept.get(), batch.receivedAt(), tenant.retentionDays());
      String key =
          item.get(RecordTable.DEVICE_ID).s() + '\n' + item.get(RecordTable.TIME_EVENT).s();
      items.put(key, item);
      stored.put(key, kept.get());
    }
    // Records before index items; the latest-events query skips a reference to a missing record.
    List<Map<String, AttributeValue>> writes = new ArrayList<>(items.values());
    writes.addAll(
        ActivityItems.of(
            new ArrayList<>(stored.values()), batch.receivedAt(), tenant.retentionDays()));
    writer.write(tenant.table(), writes);
    int received = batch.events().size();
    var entry =
        new ProcessingLog.Entry(
            tenant.namespace(),
            tenant.name(),
            batch.batchId(),
            received,
            received - dropped,
            dropped,
            0,
            attempt,
            clock.instant());
    processingLog.record(entry);
    return entry;
  }

  /** A store was unavailable: the delivery goes back to its queue as not attempted. */
  private String postpone(
      Delivery delivery, EventBatch batch, Dependency unavailable, Throwable failure) {
    log.warn("{} unavailable, batch returned to its queue: {}", unavailable.tag(), reason(failure));
    delivery.release();
    metrics.events(
        delivery.tenant(), EventOutcome.POSTPONED, batch == null ? 0 : batch.events().size());
    return "postponed";
  }

  /** Hands the delivery back for a retry or the dead-letter queue; returns the batch outcome. */
  private String fail(Delivery delivery, EventBatch batch, Throwable failure) {
    TenantDirectory.Entry tenant = delivery.tenant();
    String reason = reason(failure);
    int events = batch == null ? 0 : batch.events().size();
    boolean last = delivery.attempt() >= TenantQueues.MAX_ATTEMPTS;
    if (last) {
      log.error(
          "Batch failed on its last attempt ({}), dead-lettering it: {}",
          delivery.attempt(),
          reason);
      if (batch != null) {
        recordDeadLettered(tenant, batch, delivery.attempt());
      }
    } else {
      log.warn(
          "Batch failed on attempt {} of {}, will retry: {}",
          delivery.attempt(),
          TenantQueues.MAX_ATTEMPTS,
          reason);
    }
    delivery.fail(reason);
    metrics.events(tenant, last ? EventOutcome.DEAD_LETTERED : EventOutcome.RETRIED, events);
    return last ? "dead_lettered" : "retried";
  }

  private void recordDeadLettered(TenantDirectory.Entry tenant, EventBatch batch, int attempt) {
    try {
      int received = batch.events().size();
      processingLog.record(
          new ProcessingLog.Entry(
              tenant.namespace(),
              tenant.name(),
              batch.batchId(),
              received,
              0,
              0,
              received,
              attempt,
              clock.instant()));
    } catch (RuntimeException e) {
      log.warn("Could not record the dead-lettered batch in the processing log: {}", reason(e));
    }
  }

  /** The batch in {@code body}, checked to be complete and to belong to the queue's tenant. */
  static EventBatch decode(byte[] body, TenantDirectory.Entry tenant) {
    EventBatch batch = EventBatchCodec.decode(body);
    if (batch == null || batch.batchId() == null || batch.batchId().isBlank()) {
      throw new UnprocessableBatchException("batch without batchId");
    }
    if (batch.events() == null) {
      throw new UnprocessableBatchException("batch without events");
    }
    // Never write a batch into another tenant's table, whatever queue it arrived on.
    if ((batch.tenant() != null && !batch.tenant().equals(tenant.name()))
        || (batch.namespace() != null && !batch.namespace().equals(tenant.namespace()))) {
      throw new UnprocessableBatchException(
          "batch of tenant " + batch.namespace() + "/" + batch.tenant() + " on the wrong queue");
    }
    for (int i = 0; i < batch.events().size(); i++) {
      DeviceEvent event = batch.events().get(i);
      if (event == null
          || isBlank(event.deviceId())
          || isBlank(event.eventId())
          || event.timestamp() == null) {
        throw new UnprocessableBatchException(
            "event " + i + " lacks deviceId, eventId or timestamp");
      }
    }
    return batch;
  }

  /** Why processing failed, for logs and the failure header: never payload content. */
  static String reason(Throwable failure) {
    if (failure instanceof JacksonException json) {
      // Jackson's own message may quote message content.
      var location = json.getLocation();
      return "undecodable batch: "
          + json.getClass().getSimpleName()
          + (location == null
              ? ""
              : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
          + (json.getPath().isEmpty() ? "" : " in " + json.getPathReference());
    }
    if (failure instanceof UnprocessableBatchException) {
      return "unprocessable batch: " + failure.getMessage();
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
