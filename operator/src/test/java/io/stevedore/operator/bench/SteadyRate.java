package io.stevedore.operator.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Offers {@code count} arrivals at a steady rate (0 = all at once), as a signup service would. */
final class SteadyRate {
  private SteadyRate() {}

  /** Calls {@code arrival} with 0..count-1, each at its due time; returns when the last is due. */
  static void offer(int count, int perSecond, IntConsumer arrival) throws InterruptedException {
    long intervalNanos = perSecond == 0 ? 0 : 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long wait = start + i * intervalNanos - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      arrival.accept(i);
    }
  }
}
