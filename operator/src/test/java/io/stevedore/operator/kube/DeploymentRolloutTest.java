package io.stevedore.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentRolloutTest {

  @Test
  void missingDeploymentIsNotCreatedYet() {
    assertThat(DeploymentRollout.of(null))
        .isEqualTo(new DeploymentRollout(false, 0, 0, "Deployment not created yet"));
  }

  @Test
  void deploymentWithoutStatusWaitsForTheController() {
    assertThat(DeploymentRollout.of(deployment(3, 1L, null)))
        .isEqualTo(new DeploymentRollout(false, 3, 0, "waiting for the Deployment controller"));
  }

  @Test
  void deploymentOfZeroReplicasWithoutStatusIsComplete() {
    assertThat(DeploymentRollout.of(deployment(0, 1L, null)).complete()).isTrue();
  }

  @Test
  void replicasDefaultToOneWhenUnset() {
    var rollout = DeploymentRollout.of(deployment(null, 1L, status(1L, 1, 1, 1, 1)));

    assertThat(rollout).isEqualTo(new DeploymentRollout(true, 1, 1, "1 of 1 replicas available"));
  }

  static Stream<Arguments> rollouts() {
    return Stream.of(
        Arguments.of(
            "generation not yet observed",
            deployment(3, 2L, status(1L, 3, 3, 3, 3)),
            new DeploymentRollout(false, 3, 3, "waiting for the Deployment controller")),
        Arguments.of(
            "observedGeneration missing",
            deployment(3, 2L, status(null, 3, 3, 3, 3)),
            new DeploymentRollout(false, 3, 3, "waiting for the Deployment controller")),
        Arguments.of(
            "partially updated",
            deployment(3, 2L, status(2L, 4, 1, 3, 3)),
            new DeploymentRollout(false, 3, 3, "1 of 3 replicas updated")),
        Arguments.of(
            "old replicas pending termination",
            deployment(3, 2L, status(2L, 5, 3, 3, 3)),
            new DeploymentRollout(false, 3, 3, "2 old replicas pending termination")),
        Arguments.of(
            "not all available",
            deployment(3, 2L, status(2L, 3, 3, 2, 1)),
            new DeploymentRollout(false, 3, 2, "1 of 3 replicas available")),
        Arguments.of(
            "complete",
            deployment(3, 2L, status(2L, 3, 3, 3, 3)),
            new DeploymentRollout(true, 3, 3, "3 of 3 replicas available")),
        Arguments.of(
            "complete, controller ahead of generation",
            deployment(2, 2L, status(3L, 2, 2, 2, 2)),
            new DeploymentRollout(true, 2, 2, "2 of 2 replicas available")),
        Arguments.of(
            "complete without a generation",
            deployment(2, null, status(null, 2, 2, 2, 2)),
            new DeploymentRollout(true, 2, 2, "2 of 2 replicas available")),
        Arguments.of(
            "zero replicas",
            deployment(0, 4L, status(4L, null, null, null, null)),
            new DeploymentRollout(true, 0, 0, "0 of 0 replicas available")),
        Arguments.of(
            "scaled to zero, old pod still terminating",
            deployment(0, 4L, status(4L, 1, 0, 0, 0)),
            new DeploymentRollout(false, 0, 0, "1 old replicas pending termination")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rollouts")
  void rolloutIsReadLikeKubectlRolloutStatus(
      String description, Deployment deployment, DeploymentRollout expected) {
    assertThat(DeploymentRollout.of(deployment)).isEqualTo(expected);
  }

  private static Deployment deployment(Integer replicas, Long generation, DeploymentStatus status) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("staging-ingest")
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withStatus(status)
        .build();
  }

  private static DeploymentStatus status(
      Long observedGeneration, Integer total, Integer updated, Integer ready, Integer available) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(observedGeneration)
        .withReplicas(total)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .build();
  }
}
