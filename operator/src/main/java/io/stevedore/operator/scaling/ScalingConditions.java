package io.stevedore.operator.scaling;

import io.stevedore.operator.api.v1alpha1.ScalingStatus;
import io.stevedore.operator.api.v1alpha1.TenantShareStatus;
import io.stevedore.operator.api.v1alpha1.WorkerPoolStatus;
import io.stevedore.operator.status.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes the autoscaler's report into a WorkerPool's status: status.scaling and the conditions
 * `ScalingActive`, `MetricsAvailable`, `ScalingPaused`, `QuotaLimited` and `WorkersPaused`.
 */
public final class ScalingConditions {
  public static final String SCALING_ACTIVE = "ScalingActive";
  public static final String METRICS_AVAILABLE = "MetricsAvailable";
  public static final String SCALING_PAUSED = "ScalingPaused";
  public static final String QUOTA_LIMITED = "QuotaLimited";
  public static final String WORKERS_PAUSED = "WorkersPaused";

  private ScalingConditions() {}

  public static void apply(
      WorkerPoolStatus status, ScalingReport report, Long generation, Instant now) {
    ScalingDecision d = report.decision();
    var conditions = status.getConditions();
    if (d.failure().isPresent()) {
      Conditions.set(
          conditions,
          METRICS_AVAILABLE,
          false,
          d.failure().get().kind().name(),
          d.failure().get().message(),
          generation,
          now);
    } else {
      String observed =
          d.signals().map(s -> s.depth().queues() + " queues observed").orElse("observed");
      Conditions.set(
          conditions,
          METRICS_AVAILABLE,
          true,
          "Observed",
          report.note().isEmpty() ? observed : observed + "; " + report.note(),
          generation,
          now);
    }
    if (d.fallback()) {
      Conditions.set(conditions, SCALING_ACTIVE, false, "Fallback", d.message(), generation, now);
    } else if (d.failure().isPresent()) {
      Conditions.set(
          conditions, SCALING_ACTIVE, false, "HoldingSize", d.message(), generation, now);
    } else if (report.applyProblem().isPresent()) {
      Conditions.set(
          conditions,
          SCALING_ACTIVE,
          false,
          "ScalingFailed",
          report.applyProblem().get(),
          generation,
          now);
    } else {
      Conditions.set(
          conditions,
          SCALING_ACTIVE,
          d.active(),
          d.active() ? "Active" : "Idle",
          d.message(),
          generation,
          now);
    }
    Conditions.set(
        conditions,
        SCALING_PAUSED,
        d.pause().any(),
        d.pause().reason(),
        d.pause().describe(),
        generation,
        now);
    Conditions.set(
        conditions,
        QUOTA_LIMITED,
        d.quotaLimit().isPresent(),
        d.quotaLimit().isPresent() ? "QuotaExceeded" : "WithinQuota",
        d.quotaLimit().isPresent() ? d.message() : "no ResourceQuota limits the pool",
        generation,
        now);
    WorkerOutage outage = report.outage();
    Conditions.set(
        conditions,
        WORKERS_PAUSED,
        outage.paused(),
        outage.paused() ? "DependencyUnavailable" : "NotPaused",
        outage.paused()
            ? outage.describe() + "; the autoscaler keeps " + d.desiredReplicas() + " replicas"
            : outage.describe(),
        generation,
        now);
    status.setScaling(scaling(d));
  }

  /** The pool is not scaled (invalid, or its Environment is missing or invalid). */
  public static void notScaling(WorkerPoolStatus status, String why, Long generation, Instant now) {
    if (Conditions.find(status.getConditions(), SCALING_ACTIVE).isPresent()) {
      Conditions.set(
          status.getConditions(), SCALING_ACTIVE, false, "NotScaling", why, generation, now);
    }
  }

  private static ScalingStatus scaling(ScalingDecision d) {
    var s = new ScalingStatus();
    d.signals()
        .ifPresent(
            signals -> {
              var depth = signals.depth();
              s.setObservedAt(time(signals.observedAt()));
              s.setQueues(depth.queues());
              s.setBacklog(signals.backlog());
              s.setReady(depth.ready());
              s.setUnacked(depth.unacked().isPresent() ? depth.unacked().getAsLong() : null);
              s.setDelayed(depth.delayed().isPresent() ? depth.delayed().getAsLong() : null);
              s.setConsumers(depth.consumers().isPresent() ? depth.consumers().getAsInt() : null);
              s.setArrivalRate(round(signals.arrivalRate()));
              s.setThroughputPerReplica(round(signals.throughputPerReplica()));
              s.setThroughputSource(signals.throughputMeasured() ? "Measured" : "Initial");
              s.setOldestMessageAgeSeconds(round(signals.oldestMessageAgeSeconds()));
              s.setTenantShares(
                  signals.tenantShares().stream().map(ScalingConditions::share).toList());
              s.setCappedTenants(
                  signals.tenantShares().stream()
                      .filter(TenantShares.TenantShare::capped)
                      .map(TenantShares.TenantShare::tenant)
                      .toList());
            });
    s.setCurrentReplicas(d.currentReplicas());
    s.setRecommendedReplicas(d.recommendedReplicas());
    s.setDesiredReplicas(d.desiredReplicas());
    s.setRule(d.rule().name());
    s.setMessage(d.message());
    s.setConsecutiveFailures(d.consecutiveFailures());
    d.lastScaleTime().ifPresent(t -> s.setLastScaleTime(time(t)));
    return s;
  }

  private static TenantShareStatus share(TenantShares.TenantShare share) {
    var s = new TenantShareStatus();
    s.setTenant(share.tenant());
    s.setBacklog(share.backlog());
    s.setReplicas(round(share.replicas()));
    s.setMaxWorkers(share.maxWorkers());
    s.setCapped(share.capped());
    return s;
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
