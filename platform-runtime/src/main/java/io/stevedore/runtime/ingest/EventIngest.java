package io.stevedore.runtime.ingest;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.broker.BrokerUnavailableException;
import io.stevedore.runtime.broker.EventPublisher;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.ingest.EventBatchReader.Invalid;
import io.stevedore.runtime.ingest.EventBatchReader.Valid;
import io.stevedore.runtime.ingest.IngestMetrics.Outcome;
import io.stevedore.runtime.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One batch from an authenticated tenant, taken through read and check, rate limit and publish: the
 * result is the accepted batch, confirmed by the broker, or an {@link ApiProblem}.
 */
public final class EventIngest {
  private static final Logger log = LoggerFactory.getLogger(EventIngest.class);

  /** How long a client should wait before retrying when the broker did not take a batch. */
  static final Duration RETRY_WHEN_UNAVAILABLE = Duration.ofSeconds(5);

  /** The answer to an accepted batch. */
  public record Accepted(String batchId, int accepted) {}

  private final EventBatchReader reader;
  private final IngestRateLimiter rateLimiter;
  private final EventPublisher publisher;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final Duration publishTimeout;

  public EventIngest(
      EventBatchReader reader,
      IngestRateLimiter rateLimiter,
      EventPublisher publisher,
      IngestMetrics metrics,
      Clock clock,
      Duration publishTimeout) {
    this.reader = reader;
    this.rateLimiter = rateLimiter;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
    this.publishTimeout = publishTimeout;
  }

  /** Accepts the JSON {@code body} from {@code tenant}, once the broker confirmed it. */
  public Accepted accept(TenantDirectory.Entry tenant, byte[] body) {
    var result = reader.read(body, clock.instant());
    if (result instanceof Invalid invalid) {
      metrics.events(tenant, Outcome.REJECTED, invalid.events());
      throw ApiProblem.invalid(
          "%d invalid field(s) in the batch; nothing was accepted"
              .formatted(invalid.errors().size()),
          invalid.errors());
    }
    List<DeviceEvent> events = ((Valid) result).events();
    String bucket = tenant.namespace() + "/" + tenant.name();
    var decision = rateLimiter.tryAcquire(bucket, tenant.ingestRatePerSecond(), events.size());
    if (!decision.allowed()) {
      metrics.events(tenant, Outcome.RATE_LIMITED, events.size());
      throw ApiProblem.rateLimited(
          "Tenant %s may send %d events per second"
              .formatted(tenant.name(), tenant.ingestRatePerSecond()),
          decision.retryAfter());
    }
    var batch =
        new EventBatch(
            UUID.randomUUID().toString(),
            tenant.name(),
            tenant.namespace(),
            clock.instant(),
            events);
    try (var batchId = MDC.putCloseable("batchId", batch.batchId())) {
      publish(tenant, batch, bucket);
      metrics.events(tenant, Outcome.ACCEPTED, events.size());
      log.debug("Accepted {} events", events.size());
      return new Accepted(batch.batchId(), events.size());
    }
  }

  private void publish(TenantDirectory.Entry tenant, EventBatch batch, String bucket) {
    long start = System.nanoTime();
    try {
      publisher.publish(tenant, batch, publishTimeout);
      metrics.publishLatency(true).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    } catch (BrokerUnavailableException e) {
      metrics.publishLatency(false).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      metrics.events(tenant, Outcome.UNAVAILABLE, batch.events().size());
      // Nothing was accepted, so the tenant may send these events again at no cost.
      rateLimiter.refund(bucket, batch.events().size());
      log.warn("Batch of {} events not accepted: {}", batch.events().size(), e.getMessage());
      throw ApiProblem.unavailable(
          "The event queue did not take the batch; nothing was accepted, retry later",
          RETRY_WHEN_UNAVAILABLE);
    }
  }
}
