package io.stevedore.operator.scaling;

import io.stevedore.operator.scaling.BehaviorLimits.Limited;
import io.stevedore.operator.scaling.ScalingHistory.Recommendation;
import io.stevedore.operator.scaling.ScalingHistory.ScaleEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The autoscaler's decision: observations, spec, current replicas, history and time in; the
 * replicas to apply, the rule that settled them and the next history out. Pure: no I/O, no clock.
 *
 * <p>The order: a failed observation keeps the size (then the fallback); workers paused for a
 * store's outage keep it too; otherwise size from the drain time and backlog target, tolerance,
 * activation and idle, each tenant's plan cap, bounds, HPA stabilization and rate policies; then
 * the bounds (whatever the observation), pauses and the quota.
 */
public final class Autoscaler {
  private Autoscaler() {}

  public static ScalingDecision decide(ScalingInputs in) {
    return in.observation() instanceof Observation observation
        ? observed(in, observation)
        : failed(in, (ObservationFailure) in.observation());
  }

  private static ScalingDecision failed(ScalingInputs in, ObservationFailure failure) {
    var p = in.parameters();
    var h = in.history();
    int failures = h.consecutiveFailures() + 1;
    boolean fallback = failures >= p.failureThreshold();
    int proposed = in.currentReplicas();
    ScalingRule rule = ScalingRule.SourceFailure;
    String why =
        failure.kind()
            + " ("
            + failures
            + " of "
            + p.failureThreshold()
            + " failures before the fallback): "
            + failure.message();
    if (fallback) {
      rule = ScalingRule.Fallback;
      proposed = p.fallbackReplicas().orElse(h.lastGoodReplicas().orElse(in.currentReplicas()));
      why =
          failure.kind()
              + " "
              + failures
              + " times in a row, fallback "
              + (p.fallbackReplicas().isPresent()
                  ? "FixedReplicas " + proposed
                  : "HoldLastGood " + proposed)
              + ": "
              + failure.message();
    }
    var next = h.toBuilder().consecutiveFailures(failures).build();
    return finish(
        in,
        in.currentReplicas(),
        proposed,
        rule,
        why,
        h.lastSignals(),
        Optional.of(failure),
        fallback,
        true,
        next);
  }

  private static ScalingDecision observed(ScalingInputs in, Observation o) {
    var p = in.parameters();
    var h = in.history();
    Instant now = in.now();
    int current = in.currentReplicas();

    RateEstimate rates = h.rates().next(h.lastObservation(), o);
    long backlog = o.depth().backlog();
    BacklogAge age = h.age().next(o.at(), backlog, rates.consumedInInterval().orElse(-1));

    boolean active = backlog > p.activationBacklog();
    boolean inFlightKnown = o.depth().unacked().isPresent();
    Instant lastActive =
        active || !inFlightKnown || h.lastActiveAt().isEmpty() ? now : h.lastActiveAt().get();

    // Sizing: replicas that process the arrivals plus the backlog within the drain time.
    double drain =
        (rates.arrivalRate() + backlog / (double) p.targetDrain().toSeconds())
            / rates.throughputPerReplica();
    double byBacklog =
        p.targetBacklogPerReplica().isPresent()
            ? backlog / (double) p.targetBacklogPerReplica().getAsLong()
            : 0;
    double uncapped = Math.max(drain, byBacklog);
    ScalingRule rule = byBacklog > drain ? ScalingRule.Backlog : ScalingRule.DrainTime;
    // Each tenant's backlog calls for at most its own plan.maxWorkers.
    TenantShares shares =
        TenantShares.apportion(uncapped, o.depth().backlogByQueue(), in.tenantCaps());
    double demand = shares.demand();
    var signals =
        new ScalingSignals(
            o.at(),
            o.depth(),
            rates.arrivalRate(),
            rates.throughputPerReplica(),
            rates.throughputMeasured(),
            age.oldestSeconds(o.at()),
            shares.shares());
    // Scaling in, the pool may run up to the tolerance below its demand: a deadband, since the
    // backlog term raises the demand again long before messages age.
    int recommended =
        demand < current ? replicasFor(demand / (1 + p.tolerance())) : replicasFor(demand);
    String why = String.format(Locale.ROOT, "needs %.2f replicas", demand);
    if (shares.capped()) {
      why +=
          String.format(
              Locale.ROOT,
              " (%.2f before %s at plan.maxWorkers)",
              uncapped,
              String.join(", ", shares.cappedTenants()));
    }

    List<Recommendation> recommendations = h.recommendations();
    boolean idle = h.idle();
    int proposed;
    WorkerOutage outage = WorkerOutage.of(o.pods());
    if (outage.paused()) {
      // Paused workers drain nothing, so the backlog says nothing about the size the pool needs.
      proposed = current;
      rule = ScalingRule.DependencyOutage;
      why = outage.describe() + " (" + why + " otherwise)";
      lastActive = now;
    } else if ((idle || current == 0) && !active) {
      proposed = current;
      rule = ScalingRule.Activation;
      why = "backlog " + backlog + " at or below activationBacklog " + p.activationBacklog();
    } else if (!active
        && p.idleReplicas().isPresent()
        && !Duration.between(lastActive, now).minus(p.idleAfter()).isNegative()) {
      proposed = p.idleReplicas().getAsInt();
      rule = ScalingRule.Idle;
      why = "no work for " + p.idleAfter().toSeconds() + " s";
      idle = true;
      recommendations = List.of();
    } else {
      idle = false;
      Limited bounded = bound(recommended, demand, current, p, inFlightKnown);
      if (bounded.rule() != null) {
        rule = bounded.rule();
      } else if (shares.capped() && replicasFor(uncapped) > bounded.replicas()) {
        rule = ScalingRule.TenantPlans;
      }
      Limited stable =
          BehaviorLimits.stabilize(bounded.replicas(), current, recommendations, p, now);
      Limited limited = BehaviorLimits.rate(stable.replicas(), current, h.scaleEvents(), p, now);
      proposed = clamp(limited.replicas(), p.minReplicas(), p.maxReplicas());
      if (limited.rule() != null) {
        rule = limited.rule();
      } else if (stable.rule() != null) {
        rule = stable.rule();
      }
      if (proposed != limited.replicas()) {
        rule = proposed > limited.replicas() ? ScalingRule.MinReplicas : ScalingRule.MaxReplicas;
      }
      recommendations =
          append(
              recommendations,
              new Recommendation(now, bounded.replicas()),
              Recommendation::at,
              now.minus(p.recommendationRetention()));
    }

    var next =
        h.toBuilder()
            .observed(o, rates, age)
            .recommendations(recommendations)
            .consecutiveFailures(0)
            .lastActiveAt(lastActive)
            .idle(idle)
            .lastSignals(signals)
            .build();
    return finish(
        in,
        recommended,
        proposed,
        rule,
        why,
        Optional.of(signals),
        Optional.empty(),
        false,
        active,
        next);
  }

  /** Bounds and tolerance applied to the sizing. */
  private static Limited bound(
      int recommended, double demand, int current, ScalingParameters p, boolean inFlightKnown) {
    if (current > 0
        && Math.abs(demand / current - 1) <= p.tolerance()
        && current >= p.minReplicas()
        && current <= p.maxReplicas()) {
      return new Limited(current, ScalingRule.Tolerance);
    }
    int replicas = recommended;
    ScalingRule rule = null;
    if (replicas == 0 && p.minReplicas() == 0 && !inFlightKnown && current > 0) {
      replicas = 1;
      rule = ScalingRule.InFlightUnknown;
    }
    if (replicas > p.maxReplicas()) {
      return new Limited(p.maxReplicas(), ScalingRule.MaxReplicas);
    }
    if (replicas < p.minReplicas()) {
      return new Limited(p.minReplicas(), ScalingRule.MinReplicas);
    }
    return new Limited(replicas, rule);
  }

  /** Pauses, then the quota; records the change in the history. */
  private static ScalingDecision finish(
      ScalingInputs in,
      int recommended,
      int proposed,
      ScalingRule rule,
      String why,
      Optional<ScalingSignals> signals,
      Optional<ObservationFailure> failure,
      boolean fallback,
      boolean active,
      ScalingHistory next) {
    int current = in.currentReplicas();
    var p = in.parameters();
    // A size outside the bounds (the spec changed, or someone scaled by hand) is brought back
    // whatever the observation said, as the HPA does; idleReplicas may sit below minReplicas.
    int bounded = clamp(proposed, p.floor(), p.maxReplicas());
    if (bounded != proposed) {
      why =
          "bounds "
              + p.floor()
              + ".."
              + p.maxReplicas()
              + " ("
              + rule
              + " said "
              + proposed
              + ": "
              + why
              + ")";
      rule = bounded > proposed ? ScalingRule.MinReplicas : ScalingRule.MaxReplicas;
      proposed = bounded;
    }
    Pause pause = in.pause();
    int desired = proposed;
    if (pause.pinned().isPresent()) {
      desired = pause.pinned().getAsInt();
      rule = ScalingRule.Pinned;
      why = pause.describe();
    } else if (pause.all()) {
      desired = current;
      rule = ScalingRule.Paused;
      why = pause.describe() + " (would be " + proposed + ": " + why + ")";
    } else if (pause.scaleIn() && desired < current) {
      desired = current;
      rule = ScalingRule.ScaleInPaused;
      why = pause.describe() + " (would be " + proposed + ": " + why + ")";
    } else if (pause.scaleOut() && desired > current) {
      desired = current;
      rule = ScalingRule.ScaleOutPaused;
      why = pause.describe() + " (would be " + proposed + ": " + why + ")";
    }
    Optional<QuotaHeadroom> quotaLimit = Optional.empty();
    if (desired > current && in.quota().isPresent()) {
      QuotaHeadroom quota = in.quota().get();
      int admitted = current + Math.max(0, quota.pods());
      if (desired > admitted) {
        why =
            "ResourceQuota "
                + quota.quota()
                + " admits "
                + Math.max(0, quota.pods())
                + " more pods ("
                + quota.resource()
                + "), "
                + desired
                + " wanted: "
                + why;
        desired = admitted;
        rule = ScalingRule.Quota;
        quotaLimit = Optional.of(quota);
      }
    }
    Instant now = in.now();
    var history = next.toBuilder();
    if (desired != current) {
      history
          .scaleEvents(
              append(
                  next.scaleEvents(),
                  new ScaleEvent(now, desired - current),
                  ScaleEvent::at,
                  now.minus(p.eventRetention())))
          .lastScaleTime(now);
    }
    if (failure.isEmpty()) {
      history.lastGoodReplicas(desired);
    }
    ScalingHistory after = history.build();
    String message =
        current
            + " -> "
            + desired
            + " replicas: "
            + rule
            + " ("
            + why
            + ")"
            + signals.map(s -> "; " + s.describe()).orElse("");
    return new ScalingDecision(
        now,
        current,
        recommended,
        desired,
        rule,
        message,
        signals,
        failure,
        next.consecutiveFailures(),
        fallback,
        active,
        quotaLimit,
        pause,
        after.lastScaleTime(),
        after);
  }

  private static int replicasFor(double demand) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(demand - 1e-9));
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }

  /** {@code list} without entries from before {@code since}, plus {@code item}. */
  private static <T> List<T> append(
      List<T> list, T item, java.util.function.Function<T, Instant> at, Instant since) {
    List<T> next = new ArrayList<>(list.size() + 1);
    for (T t : list) {
      if (at.apply(t).isAfter(since)) {
        next.add(t);
      }
    }
    next.add(item);
    return List.copyOf(next);
  }
}
