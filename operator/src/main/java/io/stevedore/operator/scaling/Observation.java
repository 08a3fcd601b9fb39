package io.stevedore.operator.scaling;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one observation of a pool found: its queues (in flight settled from the broker and the
 * pods), the Deployment's ready replicas and the pods' samples.
 *
 * @param depth the pool's queues; {@code unacked} is the workers' in-flight sum when every pod
 *     answered (exact), else the broker's count; empty when neither is known
 * @param readyReplicas the Deployment's ready replicas
 * @param pods the pool's pods; empty when none exist
 */
public record Observation(Instant at, QueueDepth depth, int readyReplicas, List<PodSample> pods)
    implements ObservationResult {

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
    return new Observation(at, depth.withUnacked(unacked), readyReplicas, List.copyOf(pods));
  }
}
