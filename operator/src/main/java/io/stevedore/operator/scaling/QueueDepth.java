package io.stevedore.operator.scaling;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What is known about a pool's queues, summed over them; what could not be told is empty, never
 * zero. A broker's observer reports it; {@link Observation#of} settles the in-flight count.
 *
 * @param queues how many queues were observed
 * @param ready messages ready for delivery (exact)
 * @param unacked messages delivered and not acknowledged; empty when unknown
 * @param delayed messages not yet deliverable (SQS delay)
 * @param consumers consumers on the queues
 * @param publishRate messages per second published (the broker's own rate, lagging)
 * @param ackRate messages per second acknowledged (the broker's own rate, lagging)
 * @param note what was unavailable, e.g. the management API; empty when everything answered
 * @param backlogByQueue each queue's ready plus unacknowledged messages (as far as known), for each
 *     tenant's part of the demand
 */
public record QueueDepth(
    int queues,
    long ready,
    OptionalLong unacked,
    OptionalLong delayed,
    OptionalInt consumers,
    OptionalDouble publishRate,
    OptionalDouble ackRate,
    String note,
    Map<String, Long> backlogByQueue) {

  public QueueDepth {
    backlogByQueue = Map.copyOf(backlogByQueue);
  }

  /** Depth without a per-queue breakdown. */
  public QueueDepth(
      int queues,
      long ready,
      OptionalLong unacked,
      OptionalLong delayed,
      OptionalInt consumers,
      OptionalDouble publishRate,
      OptionalDouble ackRate,
      String note) {
    this(queues, ready, unacked, delayed, consumers, publishRate, ackRate, note, Map.of());
  }

  /** Messages waiting or in flight: ready plus unacknowledged (as far as known). */
  public long backlog() {
    return ready + unacked.orElse(0);
  }

  QueueDepth withUnacked(OptionalLong inFlight) {
    return new QueueDepth(
        queues, ready, inFlight, delayed, consumers, publishRate, ackRate, note, backlogByQueue);
  }
}
