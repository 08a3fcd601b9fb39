package io.stevedore.sandbox.chaos;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.StevedoreStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The operator's verdict on each applied object: Ready (a Promotion: Succeeded) True, or not True
 * with a reason, a message, and, when False, an Event about the object.
 */
final class SpecVerdicts {
  private final KubernetesClient client;
  private final String namespace;

  SpecVerdicts(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The objects that have no verdict yet, as `Kind/name (what is missing)`. */
  List<String> without(List<HasMetadata> objects) {
    Set<String> withEvents = objectsWithEvents();
    Set<String> expired = expiredPromotions();
    List<String> pending = new ArrayList<>();
    for (HasMetadata object : objects) {
      String key = key(object);
      var verdict = verdict(object);
      if (verdict.isEmpty() && expired.contains(object.getMetadata().getName())) {
        // Finished, then deleted by its ttlSecondsAfterFinished, which the Event on its Environment
        // says.
        continue;
      }
      if (verdict.isEmpty()) {
        pending.add(key + " (no condition)");
      } else if (!"True".equals(verdict.get().getStatus())) {
        if (blank(verdict.get().getReason()) || blank(verdict.get().getMessage())) {
          pending.add(key + " (no reason or message)");
        } else if ("False".equals(verdict.get().getStatus()) && !withEvents.contains(key)) {
          pending.add(key + " (" + verdict.get().getReason() + ", no Event)");
        }
      }
    }
    return pending;
  }

  /** How many got which verdict: `ready=n`, and the count per reason otherwise. */
  String summary(List<HasMetadata> objects) {
    Set<String> expired = expiredPromotions();
    Map<String, Integer> counts = new TreeMap<>();
    for (HasMetadata object : objects) {
      String outcome =
          verdict(object)
              .map(c -> "True".equals(c.getStatus()) ? "True" : c.getStatus() + ":" + c.getReason())
              .orElse(expired.contains(object.getMetadata().getName()) ? "Expired" : "none");
      counts.merge(object.getKind() + "=" + outcome, 1, Integer::sum);
    }
    return "verdicts=" + counts;
  }

  private Optional<Condition> verdict(HasMetadata object) {
    HasMetadata current =
        client
            .resources(object.getClass())
            .inNamespace(namespace)
            .withName(object.getMetadata().getName())
            .get();
    if (current == null
        || !(((CustomResource<?, ?>) current).getStatus() instanceof StevedoreStatus status)) {
      return Optional.empty();
    }
    String type = current instanceof Promotion ? "Succeeded" : "Ready";
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private Set<String> objectsWithEvents() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .map(e -> e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName())
        .collect(Collectors.toSet());
  }

  /** The Promotions the operator deleted after they finished, by the Events it left for them. */
  private Set<String> expiredPromotions() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "PromotionExpired".equals(e.getReason()))
        .map(e -> e.getMessage().split(" ", 3))
        .filter(words -> words.length == 3 && words[0].equals("Promotion"))
        .map(words -> words[1])
        .collect(Collectors.toSet());
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
