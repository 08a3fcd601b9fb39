package io.stevedore.sandbox.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;

/** Writes a Deployment's status as the Deployment controller would, from its pods. */
final class DeploymentStatusWriter {
  private DeploymentStatusWriter() {}

  /**
   * Reports {@code replicas} pods, {@code updated} of them of the current template, {@code ready}
   * ready and available; no write if unchanged.
   */
  static void write(
      KubernetesClient client, Deployment deployment, int replicas, int updated, int ready) {
    Long generation = deployment.getMetadata().getGeneration();
    var status = deployment.getStatus();
    if (status != null
        && Objects.equals(status.getObservedGeneration(), generation)
        && Objects.equals(status.getReplicas(), replicas)
        && Objects.equals(status.getUpdatedReplicas(), updated)
        && Objects.equals(status.getReadyReplicas(), ready)) {
      return;
    }
    int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(generation)
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .addNewCondition()
            .withType("Available")
            .withStatus(ready >= desired ? "True" : "False")
            .withReason(
                ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
            .endCondition()
            .build());
    try {
      client.apps().deployments().resource(deployment).updateStatus();
    } catch (KubernetesClientException e) {
      // A conflict means a newer version exists; its own event brings it back here.
    }
  }
}
