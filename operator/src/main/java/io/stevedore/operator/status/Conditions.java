package io.stevedore.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Reads and writes standard metav1.Condition lists, keeping lastTransitionTime honest. */
public final class Conditions {
  public static final String READY = "Ready";

  private Conditions() {}

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /**
   * Sets condition {@code type}; lastTransitionTime changes only when the status flips, as
   * Kubernetes conventions require.
   */
  public static void set(
      List<Condition> conditions,
      String type,
      boolean status,
      String reason,
      String message,
      Long generation,
      Instant now) {
    String statusText = status ? "True" : "False";
    Optional<Condition> previous = find(conditions, type);
    String transition =
        previous
            .filter(c -> statusText.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    Condition next =
        new ConditionBuilder()
            .withType(type)
            .withStatus(statusText)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build();
    previous.ifPresent(conditions::remove);
    conditions.add(next);
    conditions.sort(java.util.Comparator.comparing(Condition::getType));
  }
}
