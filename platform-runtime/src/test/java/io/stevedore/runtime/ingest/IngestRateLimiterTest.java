package io.stevedore.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.runtime.ingest.IngestRateLimiter.Decision;
import io.stevedore.runtime.ingest.ratelimit.TenantAllowance;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The token bucket of each tenant, driven by a fake monotonic clock. */
class IngestRateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final IngestRateLimiter limiter = new IngestRateLimiter(nanos::get);

  /** At rate 100/s: batches taken at once from a full bucket, then one more batch after a pause. */
  static Stream<Arguments> scenarios() {
    return Stream.of(
        scenario("a full bucket takes one second of events", new int[] {}, 0, 100, true, 0),
        scenario("nothing left after a full second's burst", new int[] {100}, 0, 1, false, 10),
        scenario("refills continuously", new int[] {100}, 250, 25, true, 0),
        scenario("but not beyond what elapsed", new int[] {100}, 250, 26, false, 10),
        scenario("many small batches share the bucket", new int[] {40, 40}, 0, 20, true, 0),
        scenario("a full bucket takes an oversized batch", new int[] {}, 0, 400, true, 0),
        scenario("which leaves a debt to repay", new int[] {400}, 1_000, 1, false, 2_010),
        scenario("until the bucket is full again", new int[] {400}, 4_000, 100, true, 0),
        scenario("an oversized batch waits for a full bucket", new int[] {50}, 0, 400, false, 500));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void appliesTheTokenBucket(
      String name,
      int[] earlierBatches,
      long pauseMillis,
      int batch,
      boolean allowed,
      long retryAfterMillis) {
    for (int events : earlierBatches) {
      assertThat(limiter.tryAcquire("acme", 100, events).allowed()).isTrue();
    }
    nanos.addAndGet(Duration.ofMillis(pauseMillis).toNanos());

    Decision decision = limiter.tryAcquire("acme", 100, batch);

    assertThat(decision.allowed()).isEqualTo(allowed);
    assertThat(decision.retryAfter().toMillis()).isEqualTo(retryAfterMillis);
  }

  @Test
  void neverHoldsMoreThanOneSecondOfEvents() {
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());

    assertThat(limiter.tryAcquire("acme", 100, 100).allowed()).isTrue();
    assertThat(limiter.tryAcquire("acme", 100, 1).allowed()).isFalse();
  }

  @Test
  void aFixedShareHoldsItsPartOfThePlan() {
    var oneOfFour = new IngestRateLimiter(nanos::get, TenantAllowance.fixedShare(4));

    assertThat(oneOfFour.tryAcquire("acme", 100, 25).allowed()).isTrue();
    assertThat(oneOfFour.tryAcquire("acme", 100, 1).allowed()).isFalse();
  }

  @Test
  void tenantsHaveTheirOwnBuckets() {
    assertThat(limiter.tryAcquire("acme", 10, 10).allowed()).isTrue();

    assertThat(limiter.tryAcquire("globex", 10, 10).allowed()).isTrue();
    assertThat(limiter.tryAcquire("acme", 10, 1).allowed()).isFalse();
  }

  @Test
  void aRefundGivesTheTokensBack() {
    assertThat(limiter.tryAcquire("acme", 10, 10).allowed()).isTrue();

    limiter.refund("acme", 10);

    assertThat(limiter.tryAcquire("acme", 10, 10).allowed()).isTrue();
  }

  @Test
  void aChangedRateAppliesToTheNextBatch() {
    assertThat(limiter.tryAcquire("acme", 100, 100).allowed()).isTrue();
    nanos.addAndGet(Duration.ofMillis(100).toNanos());

    assertThat(limiter.tryAcquire("acme", 1_000, 100).allowed()).isTrue();
  }

  private static Arguments scenario(
      String name, int[] earlier, long pauseMillis, int batch, boolean allowed, long retryMillis) {
    return Arguments.of(name, earlier, pauseMillis, batch, allowed, retryMillis);
  }
}
