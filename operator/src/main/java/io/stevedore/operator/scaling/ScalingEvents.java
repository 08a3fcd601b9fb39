package io.stevedore.operator.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes Events a decision calls for, given the one before it: every replica change, and
 * every entry into and exit from a failure, the fallback, a pause, a quota limit and workers paused
 * for a store's outage, and every tenant that reaches its plan.maxWorkers.
 */
public final class ScalingEvents {
  private ScalingEvents() {}

  /** One Event to record on the WorkerPool. */
  public record Event(boolean warning, String reason, String message) {}

  private static List<String> capped(ScalingSignals signals) {
    return signals.tenantShares().stream()
        .filter(TenantShares.TenantShare::capped)
        .map(TenantShares.TenantShare::tenant)
        .toList();
  }

  public static List<Event> between(ScalingReport previous, ScalingReport next) {
    List<Event> events = new ArrayList<>();
    ScalingDecision d = next.decision();
    Optional<ScalingDecision> before = Optional.ofNullable(previous).map(ScalingReport::decision);
    if (d.scales() && next.applyProblem().isEmpty()) {
      events.add(
          new Event(
              false,
              d.desiredReplicas() > d.currentReplicas() ? "ScaledOut" : "ScaledIn",
              d.message()));
    }
    next.applyProblem()
        .filter(problem -> previous == null || !next.applyProblem().equals(previous.applyProblem()))
        .ifPresent(problem -> events.add(new Event(true, "ScalingFailed", problem)));

    var failure = d.failure().map(ObservationFailure::kind);
    var failedBefore = before.flatMap(ScalingDecision::failure).map(ObservationFailure::kind);
    if (failure.isPresent() && !failure.equals(failedBefore)) {
      events.add(
          new Event(
              true,
              failure.get().name(),
              d.failure().get().message() + "; keeping " + d.desiredReplicas() + " replicas"));
    } else if (failure.isEmpty() && failedBefore.isPresent()) {
      events.add(new Event(false, "MetricsAvailable", "queues observed again: " + d.message()));
    }
    boolean fallbackBefore = before.map(ScalingDecision::fallback).orElse(false);
    if (d.fallback() && !fallbackBefore) {
      events.add(new Event(true, "FallbackActive", d.message()));
    } else if (!d.fallback() && fallbackBefore) {
      events.add(new Event(false, "FallbackEnded", d.message()));
    }

    String pause = d.pause().reason();
    String pauseBefore = before.map(b -> b.pause().reason()).orElse("NotPaused");
    if (!pause.equals(pauseBefore)) {
      events.add(
          d.pause().any()
              ? new Event(false, "ScalingPaused", d.pause().describe())
              : new Event(false, "ScalingResumed", "scaling resumed: " + d.message()));
    }
    boolean limited = d.quotaLimit().isPresent();
    boolean limitedBefore = before.map(b -> b.quotaLimit().isPresent()).orElse(false);
    if (limited && !limitedBefore) {
      events.add(new Event(true, "QuotaLimited", d.message()));
    } else if (!limited && limitedBefore) {
      events.add(new Event(false, "WithinQuota", d.message()));
    }
    List<String> cappedBefore =
        before.flatMap(ScalingDecision::signals).map(ScalingEvents::capped).orElse(List.of());
    d.signals().map(ScalingEvents::capped).orElse(List.of()).stream()
        .filter(tenant -> !cappedBefore.contains(tenant))
        .forEach(
            tenant ->
                events.add(
                    new Event(
                        false,
                        "TenantCapped",
                        "tenant "
                            + tenant
                            + "'s backlog calls for more replicas than its plan.maxWorkers: "
                            + d.message())));
    boolean workersPaused = next.outage().paused();
    boolean workersPausedBefore = previous != null && previous.outage().paused();
    if (workersPaused && !workersPausedBefore) {
      events.add(
          new Event(
              true,
              ScalingConditions.WORKERS_PAUSED,
              next.outage().describe() + "; keeping " + d.desiredReplicas() + " replicas"));
    } else if (!workersPaused && workersPausedBefore) {
      events.add(
          new Event(
              false,
              "WorkersResumed",
              previous.outage().dependencies() + " available again: workers consume"));
    }
    return events;
  }
}
