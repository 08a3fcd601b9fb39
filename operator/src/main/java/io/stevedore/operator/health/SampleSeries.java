package io.stevedore.operator.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-key values sampled over time, kept as the growth each key has accumulated so far, so that the
 * growth over any window is the difference of two samples. Two kinds of value: a queue depth, where
 * only rises count (a fall is consumption or a purge), and a counter, where a fall is a restart
 * from zero (a restarted pod).
 */
public final class SampleSeries {
  /** How a fall in a key's value is read. */
  public enum Kind {
    /** A depth: rises count, falls do not. */
    DEPTH,
    /** A monotonic counter: a fall means it restarted from zero. */
    COUNTER
  }

  /** Growth over a window, in total and by key (keys that did not grow are left out). */
  public record Growth(double total, Map<String, Double> byKey, Duration span) {}

  private record Sample(Instant at, Map<String, Double> accumulated) {}

  private final Kind kind;
  private final Duration retention;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private Map<String, Double> lastValues = Map.of();
  private Map<String, Double> accumulated = Map.of();

  public SampleSeries(Kind kind, Duration retention) {
    this.kind = kind;
    this.retention = retention;
  }

  /**
   * Adds the values read at {@code at}. A key seen for the first time counts from zero if its
   * {@code origin} (when it started counting, e.g. its pod's start) is after the previous sample;
   * otherwise its first value is only a baseline.
   */
  public synchronized void add(
      Instant at, Map<String, Double> values, Function<String, Instant> origin) {
    Instant previous = samples.isEmpty() ? null : samples.peekLast().at();
    Map<String, Double> next = new HashMap<>(accumulated);
    values.forEach(
        (key, value) -> {
          Double last = lastValues.get(key);
          double growth;
          if (last == null) {
            Instant started = origin.apply(key);
            growth = previous != null && started != null && started.isAfter(previous) ? value : 0;
          } else if (value >= last) {
            growth = value - last;
          } else {
            growth = kind == Kind.COUNTER ? value : 0;
          }
          if (growth > 0) {
            next.merge(key, growth, Double::sum);
          }
        });
    lastValues = Map.copyOf(values);
    accumulated = Map.copyOf(next);
    samples.addLast(new Sample(at, accumulated));
    Instant horizon = at.minus(retention);
    while (samples.size() > 2 && samples.peekFirst().at().isBefore(horizon)) {
      samples.removeFirst();
    }
  }

  /** When the last sample was taken, or null before the first. */
  public synchronized Instant lastSampleAt() {
    return samples.isEmpty() ? null : samples.peekLast().at();
  }

  /**
   * Growth from the last sample taken at or before {@code since} (else the first sample after it)
   * to the latest; zero over a zero span when there is at most one sample.
   */
  public synchronized Growth since(Instant since) {
    if (samples.isEmpty()) {
      return new Growth(0, Map.of(), Duration.ZERO);
    }
    Sample base = samples.peekFirst();
    for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
      Sample sample = it.next();
      if (sample.at().isAfter(since)) {
        break;
      }
      base = sample;
    }
    Sample last = samples.peekLast();
    Map<String, Double> byKey = new HashMap<>();
    double total = 0;
    for (var entry : last.accumulated().entrySet()) {
      double growth = entry.getValue() - base.accumulated().getOrDefault(entry.getKey(), 0.0);
      if (growth > 0) {
        byKey.put(entry.getKey(), growth);
        total += growth;
      }
    }
    return new Growth(total, byKey, Duration.between(base.at(), last.at()));
  }
}
