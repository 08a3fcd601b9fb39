package io.stevedore.operator.scaling;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The inputs of a decision, as status.scaling reports them. */
public record ScalingSignals(
    Instant observedAt,
    int queues,
    long backlog,
    long ready,
    OptionalLong unacked,
    OptionalLong delayed,
    OptionalInt consumers,
    double arrivalRate,
    double throughputPerReplica,
    boolean throughputMeasured,
    double oldestMessageAgeSeconds) {

  /** The inputs in a few words, for Events and the status message. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "backlog %d (ready %d, unacked %s), arrival %.1f/s, throughput %.1f/s per replica%s,"
            + " oldest ~%.0f s",
        backlog,
        ready,
        unacked.isPresent() ? String.valueOf(unacked.getAsLong()) : "unknown",
        arrivalRate,
        throughputPerReplica,
        throughputMeasured ? "" : " (initial)",
        oldestMessageAgeSeconds);
  }
}
