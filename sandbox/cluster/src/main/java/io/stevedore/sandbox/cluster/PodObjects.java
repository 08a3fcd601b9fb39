package io.stevedore.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pod objects as a ReplicaSet makes them for a Deployment, for the sandbox's stand-ins of the
 * controller manager and the kubelets: labels and spec from the template plus pod-template-hash, a
 * controller owner reference to the Deployment, a Ready condition; and the order in which a
 * ReplicaSet removes pods.
 */
public final class PodObjects {
  public static final String TEMPLATE_HASH = "pod-template-hash";

  /** The annotation a ReplicaSet reads to choose which pods to delete first (lowest cost). */
  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private PodObjects() {}

  /**
   * The hash of the Deployment's pod template, as in the pod-template-hash label; map keys sorted,
   * since the API server may return them in another order after a patch.
   */
  public static String templateHash(Deployment deployment) {
    try {
      String json = CANONICAL.writeValueAsString(deployment.getSpec().getTemplate());
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a pod template", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectWriter CANONICAL =
      Serialization.jsonMapper()
          .writer()
          .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** A new pod of {@code deployment} named {@code name}; {@code podIp} may be null. */
  public static Pod create(
      Deployment deployment, String hash, String name, String podIp, boolean ready, Instant now) {
    var template = deployment.getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
    labels.put(TEMPLATE_HASH, hash);
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(deployment.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(template.getMetadata().getAnnotations())
        .withCreationTimestamp(now.toString())
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(deployment.getMetadata().getName())
        .withUid(deployment.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .endOwnerReference()
        .endMetadata()
        .withSpec(Serialization.clone(template.getSpec()))
        .withNewStatus()
        .withPhase("Running")
        .withPodIP(podIp)
        .withConditions(readyCondition(ready, now))
        .endStatus()
        .build();
  }

  public static PodCondition readyCondition(boolean ready, Instant now) {
    return new PodConditionBuilder()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(now.toString())
        .build();
  }

  /** Whether {@code pod} belongs to {@code deployment} (its controller owner). */
  public static boolean ownedBy(Pod pod, Deployment deployment) {
    return pod.getMetadata().getOwnerReferences() != null
        && pod.getMetadata().getOwnerReferences().stream()
            .anyMatch(o -> deployment.getMetadata().getUid().equals(o.getUid()));
  }

  /** Whether the pod's Ready condition is True. */
  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The pod-deletion-cost annotation; 0 when absent or unreadable, as Kubernetes reads it. */
  public static int deletionCost(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    String cost = annotations == null ? null : annotations.get(DELETION_COST);
    try {
      return cost == null ? 0 : Integer.parseInt(cost);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The first {@code count} pods a ReplicaSet deletes when scaling in: not ready before ready, then
   * the lowest pod-deletion-cost, then the newest.
   */
  public static List<Pod> scaleInVictims(List<Pod> pods, int count) {
    return pods.stream()
        .sorted(
            Comparator.comparing(PodObjects::isReady)
                .thenComparingInt(PodObjects::deletionCost)
                .thenComparing(
                    (Pod p) -> Instant.parse(p.getMetadata().getCreationTimestamp()),
                    Comparator.reverseOrder())
                .thenComparing(p -> p.getMetadata().getName(), Comparator.reverseOrder()))
        .limit(Math.max(0, count))
        .toList();
  }
}
