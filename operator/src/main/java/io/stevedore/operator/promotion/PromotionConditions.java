package io.stevedore.operator.promotion;

import io.fabric8.kubernetes.api.model.Condition;
import io.stevedore.operator.api.v1alpha1.GateResult;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.status.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A Promotion's conditions besides Ready: `Succeeded` for `kubectl wait`, `Finished` for waiting on
 * any outcome, `GatesPassed` and `Approved` for what holds it.
 */
final class PromotionConditions {
  static final String SUCCEEDED = "Succeeded";
  static final String FINISHED = "Finished";
  static final String GATES_PASSED = "GatesPassed";
  static final String APPROVED = "Approved";

  /** Reasons that mean something is unhealthy; the others are waiting (soak, approval, queue). */
  private static final Set<String> HEALTH_PROBLEMS =
      Set.of(
          "EnvironmentNotReady",
          "BacklogTooOld",
          "DeadLetterRateTooHigh",
          "IngestErrorRatioTooHigh",
          Gates.UNAVAILABLE);

  private PromotionConditions() {}

  /** Sets the conditions of {@code status} after a transition to its phase for this reason. */
  static void apply(
      PromotionStatus status,
      String reason,
      String message,
      boolean approvalRequired,
      Long generation,
      Instant now) {
    List<Condition> conditions = status.getConditions();
    PromotionPhase phase = status.getPhase();
    Conditions.set(
        conditions, SUCCEEDED, phase == PromotionPhase.Succeeded, reason, message, generation, now);
    Conditions.set(
        conditions,
        FINISHED,
        phase.isFinal(),
        phase.isFinal() ? phase.name() : "InProgress",
        phase.isFinal() ? message : "phase " + phase.name(),
        generation,
        now);
    if ((phase == PromotionPhase.Pending && !status.getGates().isEmpty())
        || phase == PromotionPhase.RollingOut) {
      var holding =
          Gates.firstBlocked(status.getGates()).or(() -> Gates.firstUnknown(status.getGates()));
      Conditions.set(
          conditions,
          GATES_PASSED,
          holding.isEmpty(),
          holding.map(g -> g.getReason()).orElse("Passed"),
          holding
              .map(Gates::describe)
              .orElse(
                  status.getGates().isEmpty()
                      ? "no gate before the rollout"
                      : "every gate passed before the rollout"),
          generation,
          now);
    }
    boolean approved = !approvalRequired || status.getApprovedBy() != null;
    Conditions.set(
        conditions,
        APPROVED,
        approved,
        !approvalRequired ? "NotRequired" : approved ? "Approved" : "AwaitingApproval",
        !approvalRequired
            ? "the environment's policy does not require approval"
            : approved
                ? "approved by " + status.getApprovedBy()
                : "annotate the Promotion with stevedore.io/approved-by=<who> to approve it",
        generation,
        now);
  }

  /** Whether a transition's verdict deserves a Warning event rather than a Normal one. */
  static boolean warning(PromotionStatus status) {
    PromotionPhase phase = status.getPhase();
    if (phase == PromotionPhase.Failed
        || phase == PromotionPhase.RolledBack
        || phase == PromotionPhase.RollingBack) {
      return true;
    }
    return phase == PromotionPhase.Pending
        && status.getGates().stream()
            .filter(g -> g.getResult() != GateResult.Passed)
            .findFirst()
            .map(g -> HEALTH_PROBLEMS.contains(g.getReason()))
            .orElse(false);
  }
}
