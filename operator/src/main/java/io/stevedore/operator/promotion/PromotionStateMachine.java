package io.stevedore.operator.promotion;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.GateStatus;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.health.HealthReading;
import io.stevedore.operator.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A Promotion's phases, Pending → RollingOut → Verifying → Succeeded, or → RollingBack →
 * RolledBack, or Failed: pure, from the facts the reconciler gathered to the next status and the
 * one change to make to the target Environment.
 */
final class PromotionStateMachine {
  private static final Duration ROLLOUT_POLL = Duration.ofSeconds(2);
  private static final Duration FALLBACK_POLL = Duration.ofSeconds(10);

  /** Where a failure's message ends and the rollback's progress begins. */
  private static final String ROLLING_BACK = "; rolling back to ";

  private PromotionStateMachine() {}

  /** The change a transition makes to the target Environment's release. */
  enum Action {
    NONE,
    /** Set the promoted release. */
    SET_RELEASE,
    /** Set the last good release back. */
    ROLL_BACK
  }

  /**
   * What the reconciler knows.
   *
   * @param plan the promotion checked against its namespace's Environments (Pending only)
   * @param ahead the promotion that must finish first, if any (Pending only)
   * @param target the target Environment as the API server has it now, or null if it is gone
   * @param health what {@link #measure} asked for, or null
   */
  record Facts(
      Promotion promotion,
      PromotionPlan plan,
      Optional<Promotion> ahead,
      Environment target,
      EffectivePolicy policy,
      HealthReading health) {}

  /**
   * The next status, with the `Succeeded` reason and message; {@code release} is what {@code
   * action} sets; {@code requeue} is when to look again (null: only on a change).
   */
  record Transition(
      PromotionStatus status,
      String reason,
      String message,
      Action action,
      Release release,
      Duration requeue) {

    PromotionPhase phase() {
      return status.getPhase();
    }
  }

  /**
   * Which environment the next transition needs measured, and from when: the source before a
   * rollout (over the gates' window), the target while verifying (since verification began).
   */
  record Measurement(String environment, Instant since) {}

  static Optional<Measurement> measure(Facts facts) {
    PromotionStatus status = facts.promotion().getStatus();
    PromotionPhase phase = status == null ? null : status.getPhase();
    Instant now = facts.policy().now();
    if ((phase == null || phase == PromotionPhase.Pending)
        && facts.ahead().isEmpty()
        && facts.plan() instanceof PromotionPlan.Resolved resolved
        && resolved.source() != null) {
      return Optional.of(
          new Measurement(
              resolved.source().getMetadata().getName(), now.minus(facts.policy().gatesWindow())));
    }
    // The rollout just finished: the baseline sample is taken before verification begins, so
    // that everything from its first instant counts.
    if (phase == PromotionPhase.RollingOut
        && facts.target() != null
        && Releases.rolledOut(facts.target(), status.getRelease())) {
      return Optional.of(new Measurement(facts.target().getMetadata().getName(), now));
    }
    if (phase == PromotionPhase.Verifying && facts.target() != null) {
      return Optional.of(
          new Measurement(
              facts.target().getMetadata().getName(),
              Instant.parse(status.getVerificationStartedAt())));
    }
    return Optional.empty();
  }

  static Transition next(Facts facts) {
    Promotion promotion = facts.promotion();
    PromotionStatus status =
        promotion.getStatus() == null
            ? new PromotionStatus()
            : Serialization.clone(promotion.getStatus());
    status.setPromotedBy(annotation(promotion, Promotion.PROMOTED_BY_ANNOTATION, name(promotion)));
    PromotionPhase phase = status.getPhase() == null ? PromotionPhase.Pending : status.getPhase();
    if (phase.isFinal()) {
      return new Transition(status, null, null, Action.NONE, null, null);
    }
    if (phase == PromotionPhase.Pending) {
      return PendingPhase.next(facts, status);
    }
    Environment target = facts.target();
    if (target == null) {
      return finish(
          status,
          PromotionPhase.Failed,
          "EnvironmentNotFound",
          "Environment '" + promotion.getSpec().getEnvironment() + "' was deleted",
          facts);
    }
    return switch (phase) {
      case RollingOut -> rollingOut(facts, status, target);
      case Verifying -> verifying(facts, status, target);
      case RollingBack -> rollingBack(facts, status, target);
      default -> throw new IllegalStateException("unexpected phase " + phase);
    };
  }

  private static Transition rollingOut(Facts facts, PromotionStatus status, Environment target) {
    Release release = status.getRelease();
    if (!release.sameAs(target.getSpec().getRelease())) {
      return superseded(facts, status, target);
    }
    Instant now = facts.policy().now();
    if (Releases.rolledOut(target, release)) {
      status.setPhase(PromotionPhase.Verifying);
      status.setVerificationStartedAt(timestamp(now));
      status.setGates(List.of());
      return new Transition(
          status,
          "Verifying",
          "rolled out; verifying " + release.getVersion() + " for " + window(facts),
          Action.NONE,
          null,
          Duration.ZERO);
    }
    Duration left = Duration.between(now, started(status).plus(facts.policy().rolloutTimeout()));
    String progress = readyMessage(target);
    if (left.isNegative()) {
      return rollBack(
          facts,
          status,
          "RolloutTimedOut",
          "the rollout of "
              + release.getVersion()
              + " did not finish within "
              + Gates.seconds(facts.policy().rolloutTimeout())
              + " ("
              + progress
              + ")");
    }
    return new Transition(
        status,
        "RollingOut",
        "rolling out " + release.getVersion() + " to " + name(target) + ": " + progress,
        Action.NONE,
        null,
        min(ROLLOUT_POLL, left.plusMillis(50)));
  }

  private static Transition verifying(Facts facts, PromotionStatus status, Environment target) {
    Release release = status.getRelease();
    if (!release.sameAs(target.getSpec().getRelease())) {
      return superseded(facts, status, target);
    }
    EffectivePolicy policy = facts.policy();
    List<GateStatus> gates = Gates.verification(policy, facts.health());
    status.setGates(gates);
    var blocked = Gates.firstBlocked(gates);
    if (blocked.isPresent()) {
      return rollBack(
          facts,
          status,
          blocked.get().getReason(),
          "verification failed: " + Gates.describe(blocked.get()));
    }
    Instant started = Instant.parse(status.getVerificationStartedAt());
    Duration window = policy.verificationWindow();
    Instant end = started.plus(window);
    var unknown = Gates.firstUnknown(gates);
    if (unknown.isEmpty() && !policy.now().isBefore(end)) {
      return finish(
          status,
          PromotionPhase.Succeeded,
          "Succeeded",
          release.getVersion() + " runs in " + name(target) + ", verified for " + window(facts),
          facts);
    }
    // Measurements lost (e.g. to an operator failover) get one more window, no more.
    Instant deadline =
        end.plus(window.compareTo(Duration.ofSeconds(30)) > 0 ? window : Duration.ofSeconds(30));
    if (unknown.isPresent() && !policy.now().isBefore(deadline)) {
      return rollBack(
          facts,
          status,
          Gates.UNAVAILABLE,
          "verification could not be completed: " + Gates.describe(unknown.get()));
    }
    Duration elapsed = Duration.between(started, policy.now());
    Duration untilEnd = Duration.between(policy.now(), end).plusMillis(50);
    return new Transition(
        status,
        "Verifying",
        "verifying "
            + release.getVersion()
            + " in "
            + name(target)
            + ": "
            + Gates.seconds(elapsed.isNegative() ? Duration.ZERO : elapsed)
            + " of "
            + Gates.seconds(window)
            + (unknown.isPresent() ? "; " + Gates.describe(unknown.get()) : "; every gate holds"),
        Action.NONE,
        null,
        untilEnd.isNegative() ? sampleInterval(window) : min(sampleInterval(window), untilEnd));
  }

  private static Transition rollingBack(Facts facts, PromotionStatus status, Environment target) {
    var succeeded =
        Conditions.find(
            facts.promotion().getStatus().getConditions(), PromotionConditions.SUCCEEDED);
    String reason = succeeded.map(c -> c.getReason()).orElse("VerificationFailed");
    String failure =
        succeeded.map(c -> c.getMessage()).orElse("verification failed").split(ROLLING_BACK)[0];
    Release back = status.getRollbackRelease();
    String rolledBack = failure + "; rolled back to " + back.getVersion();
    Duration left =
        Duration.between(
            facts.policy().now(),
            Instant.parse(status.getRollbackStartedAt()).plus(facts.policy().rolloutTimeout()));
    String ending = null;
    if (!back.sameAs(target.getSpec().getRelease())) {
      ending =
          rolledBack
              + ", then the release was changed to "
              + target.getSpec().getRelease().getVersion()
              + " outside this promotion";
    } else if (Releases.rolledOut(target, back)) {
      ending = rolledBack;
    } else if (left.isNegative()) {
      ending =
          rolledBack
              + ", whose rollout has not finished within "
              + Gates.seconds(facts.policy().rolloutTimeout())
              + " ("
              + readyMessage(target)
              + ")";
    }
    if (ending != null) {
      return finish(status, PromotionPhase.RolledBack, reason, ending, facts);
    }
    return new Transition(
        status,
        reason,
        failure + ROLLING_BACK + back.getVersion() + ": " + readyMessage(target),
        Action.NONE,
        null,
        min(ROLLOUT_POLL, left.plusMillis(50)));
  }

  /** Returns the target to its last good release, or fails when there is none to return to. */
  static Transition rollBack(Facts facts, PromotionStatus status, String reason, String failure) {
    Release back = status.getRollbackRelease();
    if (back == null || back.sameAs(status.getRelease())) {
      return finish(
          status,
          PromotionPhase.Failed,
          reason,
          failure
              + "; no earlier good release to return to, so "
              + facts.promotion().getSpec().getEnvironment()
              + " keeps "
              + status.getRelease().getVersion(),
          facts);
    }
    status.setPhase(PromotionPhase.RollingBack);
    status.setRollbackStartedAt(timestamp(facts.policy().now()));
    return new Transition(
        status,
        reason,
        failure + ROLLING_BACK + back.getVersion(),
        Action.ROLL_BACK,
        back,
        Duration.ZERO);
  }

  private static Transition superseded(Facts facts, PromotionStatus status, Environment target) {
    return finish(
        status,
        PromotionPhase.Failed,
        "Superseded",
        "the release of "
            + name(target)
            + " was changed to "
            + target.getSpec().getRelease().getVersion()
            + " outside this promotion; it no longer verifies or rolls back",
        facts);
  }

  static Transition finish(
      PromotionStatus status, PromotionPhase phase, String reason, String message, Facts facts) {
    status.setPhase(phase);
    status.setFinishedAt(timestamp(facts.policy().now()));
    return new Transition(status, reason, message, Action.NONE, null, null);
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** How often rate gates are sampled over a window: often enough for a few samples per window. */
  static Duration sampleInterval(Duration window) {
    Duration sixth = window.dividedBy(6);
    return sixth.compareTo(Duration.ofMillis(250)) < 0
        ? Duration.ofMillis(250)
        : min(sixth, Duration.ofSeconds(2));
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Duration fallbackPoll() {
    return FALLBACK_POLL;
  }

  private static Instant started(PromotionStatus status) {
    return Instant.parse(status.getStartedAt());
  }

  private static String window(Facts facts) {
    return Gates.seconds(facts.policy().verificationWindow());
  }

  static String readyMessage(Environment environment) {
    return Optional.ofNullable(environment.getStatus())
        .flatMap(s -> io.stevedore.operator.status.Conditions.find(s.getConditions(), "Ready"))
        .map(c -> c.getReason() + ": " + c.getMessage())
        .orElse("not reconciled yet");
  }

  static String name(HasMetadata resource) {
    return resource.getMetadata().getName();
  }

  static String annotation(Promotion promotion, String key, String fallback) {
    var annotations = promotion.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
