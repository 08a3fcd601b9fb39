package io.stevedore.operator.promotion;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.GateStatus;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.promotion.PromotionStateMachine.Action;
import io.stevedore.operator.promotion.PromotionStateMachine.Facts;
import io.stevedore.operator.promotion.PromotionStateMachine.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A pending Promotion: rejected if invalid, queued behind the one that runs, held by the first gate
 * that does not pass, or started by setting the release on the target.
 */
final class PendingPhase {
  private static final Duration SETTLE_POLL = Duration.ofMillis(200);

  private PendingPhase() {}

  static Transition next(Facts facts, PromotionStatus status) {
    status.setPhase(PromotionPhase.Pending);
    if (facts.plan() instanceof PromotionPlan.Rejected rejected) {
      return PromotionStateMachine.finish(
          status, PromotionPhase.Failed, rejected.reason(), rejected.message(), facts);
    }
    if (facts.ahead().isPresent()) {
      status.setGates(List.of());
      return new Transition(
          status, "Queued", queuedBehind(facts.ahead().get()), Action.NONE, null, null);
    }
    if (facts.plan() instanceof PromotionPlan.Waiting waiting) {
      return new Transition(
          status,
          waiting.reason(),
          waiting.message(),
          Action.NONE,
          null,
          PromotionStateMachine.fallbackPoll());
    }
    var resolved = (PromotionPlan.Resolved) facts.plan();
    Release release = resolved.release();
    EffectivePolicy policy = facts.policy();
    String approvedBy =
        PromotionStateMachine.annotation(facts.promotion(), Promotion.APPROVED_BY_ANNOTATION, null);
    status.setRelease(release);
    status.setSourceEnvironment(
        resolved.source() == null ? null : resolved.source().getMetadata().getName());
    status.setApprovedBy(policy.requireApproval() ? approvedBy : null);
    Gates.Source source = resolved.source() == null ? null : source(resolved.source());
    List<GateStatus> gates =
        Gates.beforeRollout(policy, release, source, facts.health(), approvedBy);
    status.setGates(gates);
    Optional<GateStatus> holding = Gates.firstBlocked(gates).or(() -> Gates.firstUnknown(gates));
    if (holding.isPresent()) {
      return new Transition(
          status,
          holding.get().getReason(),
          Gates.describe(holding.get()),
          Action.NONE,
          null,
          recheck(policy, source));
    }
    Environment target = facts.target();
    String name = facts.promotion().getMetadata().getName();
    if (!Releases.settled(target, name)) {
      return new Transition(
          status,
          "WaitingForEnvironment",
          "waiting for Environment "
              + target.getMetadata().getName()
              + " to record the outcome of its previous release",
          Action.NONE,
          null,
          SETTLE_POLL);
    }
    Release current = target.getSpec().getRelease();
    status.setPhase(PromotionPhase.RollingOut);
    status.setStartedAt(PromotionStateMachine.timestamp(policy.now()));
    status.setRollbackRelease(Releases.lastGood(target).orElse(null));
    return new Transition(
        status,
        "RollingOut",
        "rolling out "
            + release.getVersion()
            + " to "
            + target.getMetadata().getName()
            + (current.sameAs(release)
                ? " (already its release)"
                : " (was " + current.getVersion() + ")"),
        Action.SET_RELEASE,
        release,
        Duration.ZERO);
  }

  private static Gates.Source source(Environment source) {
    String since = source.getStatus() == null ? null : source.getStatus().getReleaseSince();
    return new Gates.Source(
        source.getMetadata().getName(),
        Releases.running(source).orElse(null),
        since == null ? null : Instant.parse(since),
        Releases.lastGood(source).orElse(null));
  }

  /** Gates measured from services need samples through their window; the others need events. */
  private static Duration recheck(EffectivePolicy policy, Gates.Source source) {
    Duration recheck = PromotionStateMachine.fallbackPoll();
    if (source != null && policy.measuresHealth()) {
      recheck = PromotionStateMachine.sampleInterval(policy.gatesWindow());
    }
    if (source != null && source.runningSince() != null) {
      Duration soakLeft =
          Duration.between(policy.now(), source.runningSince().plus(policy.soak())).plusMillis(50);
      if (!soakLeft.isNegative()) {
        recheck = PromotionStateMachine.min(recheck, soakLeft);
      }
    }
    return recheck;
  }

  private static String queuedBehind(Promotion ahead) {
    var status = ahead.getStatus();
    String phase =
        status == null || status.getPhase() == null ? "Pending" : status.getPhase().name();
    String release =
        status == null || status.getRelease() == null ? "" : " " + status.getRelease().getVersion();
    return "waiting for Promotion "
        + ahead.getMetadata().getName()
        + " ("
        + phase
        + release
        + ") to finish; one promotion per environment at a time";
  }
}
