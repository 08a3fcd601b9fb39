package io.stevedore.operator.bench;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * An arrival trace: messages per second over time, with seeded noise so every run sees the same
 * arrivals.
 */
record Trace(String name, int seconds, DoubleUnaryOperator rate, double noise, long seed) {

  /** Arrivals of each second. */
  double[] arrivals() {
    var random = new Random(seed);
    double[] perSecond = new double[seconds];
    for (int t = 0; t < seconds; t++) {
      double jitter = 1 + noise * (2 * random.nextDouble() - 1);
      perSecond[t] = Math.max(0, rate.applyAsDouble(t) * jitter);
    }
    return perSecond;
  }

  /** The six traces of the benchmark, for workers that each process {@code perReplica}/s. */
  static java.util.List<Trace> standard(double perReplica) {
    double capacity = 20 * perReplica;
    return java.util.List.of(
        new Trace("steady", 1800, t -> 0.25 * capacity, 0.2, 11),
        new Trace(
            "diurnal",
            3600,
            t -> capacity * (0.375 + 0.3 * Math.sin(2 * Math.PI * t / 3600.0 - Math.PI / 2)),
            0.2,
            12),
        bursty(capacity),
        // Demand that climbs for 20 min to 90 % of capacity, then stops: a slow ramp, then a cliff.
        new Trace("ramp-cliff", 1800, t -> t < 1200 ? 0.9 * capacity * t / 1200.0 : 0, 0.2, 16),
        // A flash crowd: idle, then the whole capacity for 45 s, then a tail at 20 %.
        new Trace(
            "flash-crowd",
            1200,
            t -> t < 300 ? 0.02 * capacity : t < 345 ? capacity : 0.2 * capacity,
            0.2,
            17),
        new Trace(
            "spike-to-zero",
            1800,
            t ->
                (t >= 120 && t < 240)
                    ? 0.875 * capacity
                    : (t >= 900 && t < 930) ? 0.5 * capacity : 0,
            0.1,
            14));
  }

  /** A low base load with bursts of 30-90 s at 75 % of the pool's capacity, at seeded times. */
  private static Trace bursty(double capacity) {
    var random = new Random(13);
    int seconds = 3600;
    boolean[] burst = new boolean[seconds];
    int t = 60;
    while (t < seconds) {
      int length = 30 + random.nextInt(61);
      for (int i = t; i < Math.min(seconds, t + length); i++) {
        burst[i] = true;
      }
      t += length + 240 + random.nextInt(480);
    }
    return new Trace(
        "bursty",
        seconds,
        s -> burst[Math.min(seconds - 1, (int) s)] ? 0.75 * capacity : 0.1 * capacity,
        0.2,
        15);
  }
}
