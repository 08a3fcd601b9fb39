package io.stevedore.sandbox;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.StevedoreKinds;
import io.stevedore.operator.api.v1alpha1.StevedoreStatus;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.status.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A `kubectl get`-like table of every Stevedore resource and what the operator made of it. */
public final class ResourceTable {
  private static final int MESSAGE_WIDTH = 90;

  private ResourceTable() {}

  /** One Stevedore resource's Ready verdict. */
  public record Row(String kind, String name, String ready, String reason, String message) {
    boolean isReady() {
      return "True".equals(ready);
    }
  }

  public static List<Row> rows(KubernetesClient client, String namespace) {
    List<Row> rows = new ArrayList<>();
    for (var kind : StevedoreKinds.ALL) {
      for (CustomResource<?, ? extends StevedoreStatus> resource :
          client.resources(kind).inNamespace(namespace).list().getItems()) {
        StevedoreStatus status = resource.getStatus();
        Condition ready =
            status == null
                ? null
                : Conditions.find(status.getConditions(), Conditions.READY).orElse(null);
        rows.add(
            new Row(
                kind.getSimpleName(),
                resource.getMetadata().getName(),
                ready == null ? "Unknown" : ready.getStatus(),
                ready == null ? "" : ready.getReason(),
                ready == null ? "not reconciled yet" : Objects.toString(ready.getMessage(), "")));
      }
    }
    return rows;
  }

  public static String render(KubernetesClient client, String namespace, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format("%-12s %-12s %-7s %-20s %s%n", "KIND", "NAME", "READY", "REASON", "MESSAGE"));
    for (Row row : rows) {
      out.append(
          String.format(
              "%-12s %-12s %-7s %-20s %s%n",
              row.kind(), row.name(), row.ready(), row.reason(), truncate(row.message())));
    }
    out.append(System.lineSeparator());
    out.append(String.format("%-12s %-24s %s%n", "CHILD", "NAME", "STATE"));
    for (var deployment :
        managed(client.apps().deployments().inNamespace(namespace).list().getItems())) {
      var status = deployment.getStatus();
      int ready =
          status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
      out.append(
          String.format(
              "%-12s %-24s %d/%d ready, image %s%n",
              "Deployment",
              deployment.getMetadata().getName(),
              ready,
              deployment.getSpec().getReplicas(),
              deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));
    }
    for (var service : managed(client.services().inNamespace(namespace).list().getItems())) {
      out.append(
          String.format(
              "%-12s %-24s %s%n", "Service", service.getMetadata().getName(), "ClusterIP"));
    }
    for (var configMap : managed(client.configMaps().inNamespace(namespace).list().getItems())) {
      out.append(
          String.format(
              "%-12s %-24s %d keys%n",
              "ConfigMap", configMap.getMetadata().getName(), configMap.getData().size()));
    }
    for (var secret : managed(client.secrets().inNamespace(namespace).list().getItems())) {
      // Names only: a Secret's contents are never printed.
      boolean apiKey = secret.getMetadata().getLabels().containsKey(Labels.TENANT);
      out.append(
          String.format(
              "%-12s %-24s %s%n",
              "Secret", secret.getMetadata().getName(), apiKey ? "api key" : "tenant directory"));
    }
    return out.toString();
  }

  private static <T extends HasMetadata> List<T> managed(List<T> items) {
    return items.stream()
        .filter(i -> i.getMetadata().getLabels() != null)
        .filter(
            i -> "stevedore-operator".equals(i.getMetadata().getLabels().get(Labels.MANAGED_BY)))
        .toList();
  }

  private static String truncate(String message) {
    return message.length() <= MESSAGE_WIDTH
        ? message
        : message.substring(0, MESSAGE_WIDTH - 3) + "...";
  }
}
