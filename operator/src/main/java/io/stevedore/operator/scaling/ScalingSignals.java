package io.stevedore.operator.scaling;

import java.time.Instant;
import java.util.List;

/** The inputs of a decision, as status.scaling reports them. */
public record ScalingSignals(
    Instant observedAt,
    QueueDepth depth,
    double arrivalRate,
    double throughputPerReplica,
    boolean throughputMeasured,
    double oldestMessageAgeSeconds,
    List<TenantShares.TenantShare> tenantShares) {

  public long backlog() {
    return depth.backlog();
  }

  /** The inputs in a few words, for Events and the status message. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "backlog %d (ready %d, unacked %s), arrival %.1f/s, throughput %.1f/s per replica%s,"
            + " oldest ~%.0f s",
        backlog(),
        depth.ready(),
        depth.unacked().isPresent() ? String.valueOf(depth.unacked().getAsLong()) : "unknown",
        arrivalRate,
        throughputPerReplica,
        throughputMeasured ? "" : " (initial)",
        oldestMessageAgeSeconds);
  }
}
