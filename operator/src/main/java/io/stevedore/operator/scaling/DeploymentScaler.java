package io.stevedore.operator.scaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a decision to a worker Deployment: before a scale-in it marks every pod with its deletion
 * cost (victims cheapest), then it sets the replicas through the Deployment's scale subresource, as
 * the HPA does. The write is unconditional, like `kubectl scale`: the autoscaler is the only writer
 * of spec.replicas (the Deployment's dependent sets them only when it creates it).
 */
final class DeploymentScaler {
  private final KubernetesClient client;

  DeploymentScaler(KubernetesClient client) {
    this.client = client;
  }

  /** Sets {@code replicas}. */
  void scale(
      Deployment deployment, int current, int replicas, List<Pod> pods, List<PodSample> samples) {
    String namespace = deployment.getMetadata().getNamespace();
    String name = deployment.getMetadata().getName();
    if (replicas < current && !samples.isEmpty()) {
      var costs = ScaleInVictims.deletionCosts(samples, Math.max(0, samples.size() - replicas));
      for (Pod pod : pods) {
        Integer cost = costs.get(pod.getMetadata().getName());
        if (cost != null && !String.valueOf(cost).equals(annotation(pod))) {
          markCost(namespace, pod.getMetadata().getName(), cost);
        }
      }
    }
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .scale(
            new ScaleBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .build());
  }

  private void markCost(String namespace, String name, int cost) {
    try {
      client
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .edit(
              p -> {
                Map<String, String> annotations =
                    new HashMap<>(
                        Objects.requireNonNullElse(p.getMetadata().getAnnotations(), Map.of()));
                annotations.put(ScaleInVictims.DELETION_COST, String.valueOf(cost));
                p.getMetadata().setAnnotations(annotations);
                return p;
              });
    } catch (KubernetesClientException e) {
      // A pod that went away meanwhile needs no cost; others fail the scale-in below.
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static String annotation(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ScaleInVictims.DELETION_COST);
  }
}
