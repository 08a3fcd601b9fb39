package io.stevedore.runtime.ingest;

import io.stevedore.runtime.ingest.ratelimit.TenantAllowance;
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
 * but a batch is never refused forever for being large. The rate is this instance's allowance of
 * the tenant's plan ({@link TenantAllowance}: the whole plan, a fixed 1/N, or a share of a budget
 * all ingest pods share), recomputed at every batch.
 */
public final class IngestRateLimiter {

  /** Whether a batch may pass now; if not, how long until it could. */
  public record Decision(boolean allowed, Duration retryAfter) {
    static final Decision ALLOWED = new Decision(true, Duration.ZERO);
  }

  private final LongSupplier nanoTime;
  private final TenantAllowance allowance;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   */
  public IngestRateLimiter(LongSupplier nanoTime) {
    this(nanoTime, TenantAllowance.fixedShare(1));
  }

  /**
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   * @param allowance how much of each tenant's plan this instance may accept
   */
  public IngestRateLimiter(LongSupplier nanoTime, TenantAllowance allowance) {
    this.nanoTime = nanoTime;
    this.allowance = allowance;
  }

  /**
   * Takes {@code events} tokens from {@code tenant}'s bucket, which refills at this instance's
   * allowance of {@code planRatePerSecond} (at least one event per second).
   */
  public Decision tryAcquire(String tenant, int planRatePerSecond, int events) {
    allowance.asked(tenant, events);
    double ratePerSecond = Math.max(1, allowance.ratePerSecond(tenant, planRatePerSecond));
    long now = nanoTime.getAsLong();
    return buckets
        .computeIfAbsent(tenant, t -> new Bucket(ratePerSecond, now))
        .tryAcquire(ratePerSecond, events, now);
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

    Bucket(double rate, long now) {
      this.rate = rate;
      this.tokens = this.rate;
      this.refilledAt = now;
    }

    synchronized Decision tryAcquire(double ratePerSecond, int events, long now) {
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
