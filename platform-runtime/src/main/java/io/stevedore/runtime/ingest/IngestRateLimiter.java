package io.stevedore.runtime.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-tenant token buckets: a tenant's bucket holds one second of its rate, refills continuously,
 * and a batch costs one token per event.
 *
 * <p>A batch larger than the bucket (more events than one second's rate) is accepted only when the
 * bucket is full, and leaves the bucket in debt by the difference: the tenant's average rate holds,
 * but a batch is never refused forever for being large. Each of N ingest instances holds 1/N of the
 * plan's rate (the Service spreads requests evenly), so the plan holds across instances.
 */
public final class IngestRateLimiter {

  /** Whether a batch may pass now; if not, how long until it could. */
  public record Decision(boolean allowed, Duration retryAfter) {
    static final Decision ALLOWED = new Decision(true, Duration.ZERO);
  }

  private final LongSupplier nanoTime;
  private final int replicas;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   */
  public IngestRateLimiter(LongSupplier nanoTime) {
    this(nanoTime, 1);
  }

  /**
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   * @param replicas ingest instances behind the Service, each holding its share of every rate
   */
  public IngestRateLimiter(LongSupplier nanoTime, int replicas) {
    this.nanoTime = nanoTime;
    this.replicas = Math.max(1, replicas);
  }

  /**
   * Takes {@code events} tokens from {@code tenant}'s bucket, which refills at this instance's
   * share of {@code ratePerSecond}.
   */
  public Decision tryAcquire(String tenant, int planRatePerSecond, int events) {
    int ratePerSecond = (planRatePerSecond + replicas - 1) / replicas;
    long now = nanoTime.getAsLong();
    return buckets
        .computeIfAbsent(tenant, t -> new Bucket(ratePerSecond, now))
        .tryAcquire(Math.max(1, ratePerSecond), events, now);
  }

  /** Gives back tokens taken for a batch that was then not accepted. */
  public void refund(String tenant, int events) {
    Bucket bucket = buckets.get(tenant);
    if (bucket != null) {
      bucket.refund(events);
    }
  }

  private static final class Bucket {
    private double tokens;
    private double rate;
    private long refilledAt;

    Bucket(int rate, long now) {
      this.rate = Math.max(1, rate);
      this.tokens = this.rate;
      this.refilledAt = now;
    }

    synchronized Decision tryAcquire(int ratePerSecond, int events, long now) {
      rate = ratePerSecond; // the tenant's plan may have changed since the last batch
      tokens = Math.min(rate, tokens + (now - refilledAt) * rate / 1e9);
      refilledAt = now;
      double needed = Math.min(events, rate);
      if (tokens >= needed) {
        tokens -= events;
        return Decision.ALLOWED;
      }
      double seconds = (needed - tokens) / rate;
      return new Decision(false, Duration.ofNanos((long) Math.ceil(seconds * 1e9)));
    }

    synchronized void refund(int events) {
      tokens = Math.min(rate, tokens + events);
    }
  }
}
