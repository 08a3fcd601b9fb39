package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Objects;

/** Reads a Deployment's status the way `kubectl rollout status` does. */
public record DeploymentRollout(boolean complete, int desired, int ready, String message) {

  public static DeploymentRollout of(Deployment deployment) {
    if (deployment == null) {
      return new DeploymentRollout(false, 0, 0, "Deployment not created yet");
    }
    int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    DeploymentStatus status = deployment.getStatus();
    if (status == null) {
      return new DeploymentRollout(
          desired == 0, desired, 0, "waiting for the Deployment controller");
    }
    Long generation = deployment.getMetadata().getGeneration();
    boolean observed =
        generation == null
            || (status.getObservedGeneration() != null
                && status.getObservedGeneration() >= generation);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int ready = Objects.requireNonNullElse(status.getReadyReplicas(), 0);
    int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
    int total = Objects.requireNonNullElse(status.getReplicas(), 0);
    if (!observed) {
      return new DeploymentRollout(false, desired, ready, "waiting for the Deployment controller");
    }
    if (updated < desired) {
      return new DeploymentRollout(
          false, desired, ready, updated + " of " + desired + " replicas updated");
    }
    if (total > updated) {
      return new DeploymentRollout(
          false, desired, ready, (total - updated) + " old replicas pending termination");
    }
    if (available < desired) {
      return new DeploymentRollout(
          false, desired, ready, available + " of " + desired + " replicas available");
    }
    return new DeploymentRollout(
        true, desired, ready, desired + " of " + desired + " replicas available");
  }
}
