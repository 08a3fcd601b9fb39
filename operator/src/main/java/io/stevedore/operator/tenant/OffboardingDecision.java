package io.stevedore.operator.tenant;

import io.stevedore.operator.broker.QueueBacklog;
import io.stevedore.operator.platform.TenantServing;

/**
 * The next move in offboarding a tenant deleted with `deletionPolicy: Delete` (pure): drain, let
 * the workers go, then remove, and never remove a queue that holds messages without the override.
 *
 * <p>Exactly empty needs two looks: while workers consume, RabbitMQ's ready count says nothing of
 * unacknowledged messages; once the workers let go (phase Released), a queue without consumers has
 * none, so ready = 0 with 0 consumers is exact. And empty stays empty only once no ingest pod
 * accepts for the tenant any more: no queue is deleted before every ingest pod confirmed that (see
 * {@link IngestConfirmation}), not even with the override.
 */
record OffboardingDecision(Action action, String phase, String message) {
  /** Annotation on a Tenant that allows deleting queues that still hold messages. */
  static final String DELETE_NON_EMPTY = "stevedore.io/delete-non-empty-queues";

  static final String DRAINING = "Draining";

  /** What to do now. */
  enum Action {
    /** Wait for the workers to process what the queues hold. */
    WAIT,
    /** Workers should let go of the queues (they leave the pool's directory). */
    RELEASE,
    /** The dead-letter queue holds messages: wait for a person (or the override). */
    BLOCKED,
    /** An ingest pod may still accept data for the tenant: wait until every one confirms. */
    AWAIT_INGEST,
    /** Remove queues, users, table and configuration. */
    REMOVE
  }

  static OffboardingDecision decide(
      String phase,
      QueueBacklog backlog,
      boolean override,
      String deadLetterQueue,
      IngestConfirmation ingest) {
    if (TenantServing.REMOVING.equals(phase)) {
      return new OffboardingDecision(Action.REMOVE, TenantServing.REMOVING, "removing");
    }
    // Ingest keeps its phase: workers already let go come back only if the queues fill again.
    var awaitIngest =
        new OffboardingDecision(
            Action.AWAIT_INGEST, phase == null ? DRAINING : phase, ingest.message());
    if (override) {
      return ingest.confirmed()
          ? new OffboardingDecision(
              Action.REMOVE,
              TenantServing.REMOVING,
              DELETE_NON_EMPTY
                  + " is set: removing the queues with what they hold ("
                  + backlog
                  + ")")
          : awaitIngest;
    }
    if (!backlog.nothingWaiting() || backlog.inFlight() > 0) {
      return new OffboardingDecision(
          Action.WAIT, DRAINING, "waiting for the workers to drain the queues: " + backlog);
    }
    if (!ingest.confirmed()) {
      return awaitIngest;
    }
    if (!TenantServing.RELEASED.equals(phase)) {
      return new OffboardingDecision(
          Action.RELEASE,
          TenantServing.RELEASED,
          "queues drained; waiting for the workers to let go of them");
    }
    if (backlog.consumers() > 0) {
      return new OffboardingDecision(
          Action.RELEASE,
          TenantServing.RELEASED,
          "queues drained; waiting for " + backlog.consumers() + " consumers to let go of them");
    }
    if (backlog.deadLettered() > 0) {
      return new OffboardingDecision(
          Action.BLOCKED,
          TenantServing.RELEASED,
          "dead-letter queue "
              + deadLetterQueue
              + " holds "
              + backlog.deadLettered()
              + " messages: move or purge them, or annotate the Tenant "
              + DELETE_NON_EMPTY
              + "=true to delete them");
    }
    return new OffboardingDecision(Action.REMOVE, TenantServing.REMOVING, "queues empty: removing");
  }
}
