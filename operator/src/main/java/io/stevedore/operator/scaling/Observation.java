package io.stevedore.operator.scaling;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one observation of a pool's queues and pods found. Sums are over all the pool's queues; what
 * a source could not tell is empty, never zero.
 *
 * @param queues how many queues were observed
 * @param ready messages ready for delivery (exact)
 * @param unacked messages delivered and not acknowledged: the workers' in-flight sum when every pod
 *     answered (exact), else the broker's count; empty when neither is known
 * @param delayed messages not yet deliverable (SQS delay)
 * @param consumers consumers on the queues
 * @param publishRate messages per second published (the broker's own rate, lagging)
 * @param ackRate messages per second acknowledged (the broker's own rate, lagging)
 * @param readyReplicas the Deployment's ready replicas
 * @param pods the pool's pods; empty when none exist
 */
public record Observation(
    Instant at,
    int queues,
    long ready,
    OptionalLong unacked,
    OptionalLong delayed,
    OptionalInt consumers,
    OptionalDouble publishRate,
    OptionalDouble ackRate,
    int readyReplicas,
    List<PodSample> pods)
    implements ObservationResult {

  /** Messages waiting or in flight: ready plus unacknowledged (as far as known). */
  public long backlog() {
    return ready + unacked.orElse(0);
  }

  /**
   * An observation from what a broker and the pods told. In flight is the broker's count where it
   * has an exact one (SQS's not-visible messages; zero on RabbitMQ when no consumer is attached),
   * else the sum of the pods' in-flight counts when every pod answered, else the management API's
   * unacknowledged count, else unknown.
   *
   * @param brokerCountsInFlight whether {@code depth.unacked()} is the broker's own in-flight count
   */
  public static Observation of(
      Instant at,
      QueueDepth depth,
      List<PodSample> pods,
      int readyReplicas,
      boolean brokerCountsInFlight) {
    OptionalLong unacked;
    if (brokerCountsInFlight) {
      unacked = depth.unacked();
    } else if (depth.consumers().isPresent() && depth.consumers().getAsInt() == 0) {
      unacked = OptionalLong.of(0);
    } else if (!pods.isEmpty() && pods.stream().allMatch(PodSample::readable)) {
      unacked = OptionalLong.of(pods.stream().mapToLong(p -> p.inFlight().getAsInt()).sum());
    } else {
      unacked = depth.unacked();
    }
    return new Observation(
        at,
        depth.queues(),
        depth.ready(),
        unacked,
        depth.delayed(),
        depth.consumers(),
        depth.publishRate(),
        depth.ackRate(),
        readyReplicas,
        List.copyOf(pods));
  }
}
