package io.stevedore.operator.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates the age of the oldest waiting message, treating the pool's queues as one first-in,
 * first-out queue: it keeps the cumulative count of arrivals over time and of departures, so the
 * oldest message is arrival number {@code departed + 1}, and its arrival time is read off the
 * history. Messages already waiting at the first observation count as arrived then (a lower bound).
 *
 * @param arrivals cumulative arrivals over time, oldest first, since the backlog was last empty
 * @param departed cumulative departures
 */
public record BacklogAge(List<Point> arrivals, double departed) {
  static final int MAX_POINTS = 600;

  /** Cumulative arrivals at a time. */
  public record Point(Instant at, double cumulative) {}

  public static final BacklogAge EMPTY = new BacklogAge(List.of(), 0);

  /**
   * The tracker after an observation at {@code now} with {@code backlog} messages, {@code consumed}
   * of which departed since the last one (negative when unknown: the departures are then whatever
   * the backlog lost).
   */
  public BacklogAge next(Instant now, long backlog, double consumed) {
    double lastArrivals = arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).cumulative();
    double lastBacklog = Math.max(0, lastArrivals - departed);
    double departedNow =
        consumed >= 0 ? departed + consumed : departed + Math.max(0, lastBacklog - backlog);
    double arrived = Math.max(lastArrivals, departedNow + backlog);
    // Departures cannot pass arrivals: what the counts cannot explain was consumed, not lost.
    departedNow = arrived - backlog;
    if (backlog == 0) {
      return new BacklogAge(List.of(new Point(now, arrived)), departedNow);
    }
    List<Point> points = new ArrayList<>(arrivals);
    if (points.isEmpty() || arrived > lastArrivals) {
      points.add(new Point(now, arrived));
    }
    // Keep one point at or below the departures: it anchors the interpolation.
    while (points.size() > 1 && points.get(1).cumulative() <= departedNow) {
      points.remove(0);
    }
    if (points.size() > MAX_POINTS) {
      points.remove(1);
    }
    return new BacklogAge(List.copyOf(points), departedNow);
  }

  /** Seconds the oldest waiting message has waited at {@code now}; 0 without a backlog. */
  public double oldestSeconds(Instant now) {
    if (arrivals.isEmpty()) {
      return 0;
    }
    Point last = arrivals.get(arrivals.size() - 1);
    if (last.cumulative() - departed <= 0) {
      return 0;
    }
    Instant arrivedAt = arrivals.get(0).at();
    for (int i = 1; i < arrivals.size(); i++) {
      Point before = arrivals.get(i - 1);
      Point after = arrivals.get(i);
      if (after.cumulative() > departed) {
        double share =
            (departed - before.cumulative()) / (after.cumulative() - before.cumulative());
        long nanos = Duration.between(before.at(), after.at()).toNanos();
        arrivedAt = before.at().plusNanos((long) (Math.max(0, share) * nanos));
        break;
      }
    }
    return Math.max(0, Duration.between(arrivedAt, now).toNanos() / 1e9);
  }
}
