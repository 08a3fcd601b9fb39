package io.stevedore.operator.tenant;

import io.stevedore.operator.api.v1alpha1.RedriveStatus;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.platform.CredentialsNotFoundException;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.status.EventRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Tenant's dead-letter redrive, one bounded batch per reconciliation once its queues are ready: a
 * step after the workflow rather than a dependent, because it moves messages instead of making an
 * object look as desired. Reports the `Redriving` condition and a Normal Event when done.
 */
final class DeadLetterRedriver {
  static final String CONDITION = "Redriving";

  /** Messages moved per reconciliation, so that a huge dead-letter queue blocks nothing. */
  static final int BATCH = 500;

  /** How soon the next batch runs while a redrive is under way. */
  static final Duration NEXT_BATCH = Duration.ofMillis(200);

  /** What this reconciliation did of a redrive: its new status, or why the batch failed. */
  record Outcome(Optional<RedriveStatus> status, Optional<String> failure) {
    boolean finished() {
      return status.map(s -> s.getFinishedAt() != null).orElse(false);
    }
  }

  private DeadLetterRedriver() {}

  /** Runs a batch of the redrive the tenant asks for, if it asks for one and its queues exist. */
  static Optional<Outcome> run(TenantScope scope, List<ProvisioningCondition> conditions) {
    var pending = RedriveRequest.pending(scope.tenant);
    boolean queuesReady =
        conditions.stream()
            .anyMatch(c -> c.type().equals(BrokerQueuesDependentResource.CONDITION) && c.ready());
    if (pending.isEmpty() || !queuesReady) {
      return Optional.empty();
    }
    try {
      var batch = scope.redrive().moveBatch(scope.names.queues(), pending.get().token(), BATCH);
      return Optional.of(
          new Outcome(
              Optional.of(RedriveRequest.after(pending.get(), batch, scope.now)),
              Optional.empty()));
    } catch (BrokerException | CredentialsNotFoundException e) {
      return Optional.of(new Outcome(Optional.empty(), Optional.of(e.getMessage())));
    }
  }

  /** Writes the outcome into status: status.redrive and the condition. */
  static void describe(TenantStatus s, TenantScope scope, Outcome outcome, long generation) {
    outcome.status().ifPresent(s::setRedrive);
    String queue = scope.names.queues().main();
    String reason;
    String message;
    if (outcome.failure().isPresent()) {
      reason = "BrokerFailed";
      message = "redrive waits for the broker: " + outcome.failure().get();
    } else if (outcome.finished()) {
      reason = "Finished";
      message = done(outcome.status().get(), queue);
    } else {
      reason = "MovingDeadLetters";
      RedriveStatus r = outcome.status().get();
      message = r.getMoved() + " moved to " + queue + " so far, " + r.getRemaining() + " to go";
    }
    Conditions.set(
        s.getConditions(), CONDITION, !outcome.finished(), reason, message, generation, scope.now);
  }

  /** The Normal Event of a redrive that finished in this reconciliation. */
  static void announce(EventRecorder events, TenantScope scope, Outcome outcome) {
    if (outcome.finished()) {
      events.normal(
          scope.tenant,
          "DeadLettersRedriven",
          done(outcome.status().get(), scope.names.queues().main()));
    }
  }

  /** When to reconcile again: soon while the redrive is under way. */
  static Duration requeue(Outcome outcome, Duration otherwise) {
    if (outcome.finished()) {
      return otherwise;
    }
    Duration next = outcome.failure().isPresent() ? TenantReadiness.MIN_BACKOFF : NEXT_BATCH;
    return next.compareTo(otherwise) < 0 ? next : otherwise;
  }

  private static String done(RedriveStatus r, String queue) {
    return "redrive "
        + r.getToken()
        + " moved "
        + r.getMoved()
        + " dead letters back to "
        + queue
        + "; "
        + r.getRemaining()
        + " remain in the dead-letter queue";
  }
}
