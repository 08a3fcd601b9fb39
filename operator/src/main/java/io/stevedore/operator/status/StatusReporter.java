package io.stevedore.operator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.stevedore.operator.api.v1alpha1.StevedoreStatus;
import io.stevedore.operator.platform.NameConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes a reconciliation's outcome to a resource's status and announces every change of verdict as
 * an Event; an unchanged status costs no API call.
 */
public class StatusReporter {
  private static final int MAX_MESSAGE = 1024;
  private final EventRecorder events;
  private final Clock clock;

  public StatusReporter(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public EventRecorder events() {
    return events;
  }

  /**
   * Sets observedGeneration, the Ready condition from {@code state} and the kind-specific fields
   * through {@code details}, then patches the status only if it changed.
   */
  public <S extends StevedoreStatus, R extends CustomResource<?, S>> UpdateControl<R> report(
      R resource, Supplier<S> emptyStatus, ReadyState state, Consumer<S> details) {
    return apply(resource, emptyStatus, state, details)
        .map(UpdateControl::patchStatus)
        .orElseGet(UpdateControl::noUpdate);
  }

  /**
   * Reports a failed reconciliation (reason `NameConflict` when an object it would write is not its
   * own, else `ReconcileError`); the framework keeps retrying with backoff.
   */
  public <S extends StevedoreStatus, R extends CustomResource<?, S>>
      ErrorStatusUpdateControl<R> reportError(
          R resource, Supplier<S> emptyStatus, Exception error) {
    Throwable conflict = nameConflict(error);
    String reason = conflict == null ? "ReconcileError" : "NameConflict";
    Throwable shown = conflict == null ? error : conflict;
    String message =
        shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return apply(resource, emptyStatus, ReadyState.failed(reason, message), s -> {})
        .map(ErrorStatusUpdateControl::patchStatus)
        .orElseGet(ErrorStatusUpdateControl::noStatusUpdate);
  }

  /**
   * As {@link #report}, for callers that write the status themselves (e.g. during cleanup, where
   * the framework patches nothing): the resource with its new status, or empty if unchanged.
   */
  public <S extends StevedoreStatus, R extends CustomResource<?, S>> Optional<R> prepare(
      R resource, Supplier<S> emptyStatus, ReadyState state, Consumer<S> details) {
    return apply(resource, emptyStatus, state, details);
  }

  /** The NameConflictException among the error's causes (a workflow aggregates them), or null. */
  private static Throwable nameConflict(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof NameConflictException) {
        return t;
      }
      if (t instanceof AggregatedOperatorException aggregated) {
        for (Exception e : aggregated.getAggregatedExceptions().values()) {
          Throwable found = nameConflict(e);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  private <S extends StevedoreStatus, R extends CustomResource<?, S>> Optional<R> apply(
      R resource, Supplier<S> emptyStatus, ReadyState state, Consumer<S> details) {
    S previous = resource.getStatus();
    String before = previous == null ? "" : Serialization.asJson(previous);
    S next = previous == null ? emptyStatus.get() : Serialization.clone(previous);
    details.accept(next);
    long generation = resource.getMetadata().getGeneration();
    next.setObservedGeneration(generation);
    var previousReady = Conditions.find(next.getConditions(), Conditions.READY);
    Conditions.set(
        next.getConditions(),
        Conditions.READY,
        state.ready(),
        state.reason(),
        state.message(),
        generation,
        Instant.now(clock));
    boolean verdictChanged =
        previousReady.isEmpty()
            || !Objects.equals(previousReady.get().getReason(), state.reason())
            || !Objects.equals(previousReady.get().getStatus(), state.ready() ? "True" : "False");
    if (verdictChanged) {
      if (state.warning()) {
        events.warning(resource, state.reason(), state.message());
      } else {
        events.normal(resource, state.reason(), state.message());
      }
    }
    if (before.equals(Serialization.asJson(next))) {
      return Optional.empty();
    }
    resource.setStatus(next);
    return Optional.of(resource);
  }
}
