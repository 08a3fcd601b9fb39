package io.stevedore.operator.scaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a decision to a worker Deployment: before a scale-in it marks every pod with its deletion
 * cost (victims cheapest), then it sets spec.replicas with a JSON patch that first tests the
 * replicas it saw, so a concurrent change is never overwritten.
 */
final class DeploymentScaler {
  private final KubernetesClient client;

  DeploymentScaler(KubernetesClient client) {
    this.client = client;
  }

  /** Sets {@code replicas}; returns the updated Deployment. */
  Deployment scale(
      Deployment deployment, int current, int replicas, List<Pod> pods, List<PodSample> samples) {
    String namespace = deployment.getMetadata().getNamespace();
    if (replicas < current && !samples.isEmpty()) {
      var costs = ScaleInVictims.deletionCosts(samples, Math.max(0, samples.size() - replicas));
      for (Pod pod : pods) {
        Integer cost = costs.get(pod.getMetadata().getName());
        if (cost != null && !String.valueOf(cost).equals(annotation(pod))) {
          markCost(namespace, pod.getMetadata().getName(), cost);
        }
      }
    }
    String patch =
        "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":"
            + current
            + "},{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":"
            + replicas
            + "}]";
    return client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(deployment.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), patch);
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
