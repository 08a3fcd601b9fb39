package io.stevedore.operator.bench;

import java.util.ArrayDeque;

/**
 * A first-in, first-out queue of a fluid number of messages, kept in arrival buckets so the true
 * age of the oldest waiting message is known.
 */
final class SimulatedQueue {
  private record Bucket(double arrivedAt, double count) {}

  private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
  private double size;

  void arrive(double at, double count) {
    if (count > 0) {
      buckets.addLast(new Bucket(at, count));
      size += count;
    }
  }

  /** Takes up to {@code count} messages from the head; returns how many it took. */
  double take(double count) {
    double taken = 0;
    while (taken < count && !buckets.isEmpty()) {
      Bucket head = buckets.pollFirst();
      double part = Math.min(head.count(), count - taken);
      taken += part;
      if (part < head.count()) {
        buckets.addFirst(new Bucket(head.arrivedAt(), head.count() - part));
      }
    }
    size = Math.max(0, size - taken);
    return taken;
  }

  double size() {
    return size;
  }

  /** Seconds the oldest waiting message has waited at {@code now}; 0 when empty. */
  double oldestAge(double now) {
    return buckets.isEmpty() || size < 1e-9 ? 0 : now - buckets.peekFirst().arrivedAt();
  }
}
