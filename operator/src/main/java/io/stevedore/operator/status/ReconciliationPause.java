package io.stevedore.operator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.stevedore.operator.api.v1alpha1.StevedoreStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code stevedore.io/pause-reconciliation: "true"} annotation: while it is set the operator
 * changes nothing the resource owns (for maintenance or an investigation), keeps its last Ready
 * verdict and says so in a {@code ReconciliationPaused} condition; deletion still proceeds.
 */
public final class ReconciliationPause {
  public static final String ANNOTATION = "stevedore.io/pause-reconciliation";
  public static final String CONDITION = "ReconciliationPaused";

  private ReconciliationPause() {}

  public static boolean requested(CustomResource<?, ?> resource) {
    var annotations = resource.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(ANNOTATION));
  }

  /** Reports the pause: the condition, an Event when it begins, Ready as it was. */
  public static <S extends StevedoreStatus, R extends CustomResource<?, S>> UpdateControl<R> report(
      StatusReporter status, R resource, Supplier<S> emptyStatus, Instant now) {
    List<io.fabric8.kubernetes.api.model.Condition> conditions =
        resource.getStatus() == null ? List.of() : resource.getStatus().getConditions();
    String message = ANNOTATION + " is \"true\": nothing is created, repaired or removed";
    if (!Conditions.isTrue(conditions, CONDITION)) {
      status.events().normal(resource, CONDITION, message);
    }
    ReadyState kept =
        Conditions.find(conditions, Conditions.READY)
            .map(
                c ->
                    new ReadyState(
                        "True".equals(c.getStatus()),
                        c.getReason(),
                        c.getMessage(),
                        !"True".equals(c.getStatus())))
            .orElse(ReadyState.progressing(CONDITION, message));
    long generation = resource.getMetadata().getGeneration();
    return status.report(
        resource,
        emptyStatus,
        kept,
        s ->
            Conditions.set(s.getConditions(), CONDITION, true, "Paused", message, generation, now));
  }

  /** Announces the end of a pause, if the resource was paused; the caller drops the condition. */
  public static void announceResumed(
      StatusReporter status, CustomResource<?, ? extends StevedoreStatus> resource) {
    var current = resource.getStatus();
    if (current != null && Conditions.isTrue(current.getConditions(), CONDITION)) {
      status
          .events()
          .normal(resource, "ReconciliationResumed", ANNOTATION + " removed: reconciling again");
    }
  }

  /** Removes the condition from {@code s}. */
  public static void drop(StevedoreStatus s) {
    s.getConditions().removeIf(c -> CONDITION.equals(c.getType()));
  }
}
