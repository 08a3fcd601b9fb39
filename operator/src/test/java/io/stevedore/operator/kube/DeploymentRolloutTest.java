package io.stevedore.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentRolloutTest {

  @Test
  void missingDeploymentIsNotCreatedYet() {
    assertThat(DeploymentRollout.of(null))
        .isEqualTo(new DeploymentRollout(false, 0, 0, "Deployment not created yet"));
  }

  /**
   * The spec's replicas and generation and the status's counts in; what the rollout reads out
   * (complete, desired, ready, message). Blank status columns: the Deployment has no status yet.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case                                    | replicas | generation | observed | total | updated | ready | available | complete | desired | ready | message
          no status yet waits for the controller    | 3        | 1          |          |       |         |       |           | false    | 3       | 0     | waiting for the Deployment controller
          zero replicas without a status: complete  | 0        | 1          |          |       |         |       |           | true     | 0       | 0     | waiting for the Deployment controller
          replicas default to one when unset        |          | 1          | 1        | 1     | 1       | 1     | 1         | true     | 1       | 1     | 1 of 1 replicas available
          generation not yet observed               | 3        | 2          | 1        | 3     | 3       | 3     | 3         | false    | 3       | 3     | waiting for the Deployment controller
          observedGeneration missing                | 3        | 2          |          | 3     | 3       | 3     | 3         | false    | 3       | 3     | waiting for the Deployment controller
          partially updated                         | 3        | 2          | 2        | 4     | 1       | 3     | 3         | false    | 3       | 3     | 1 of 3 replicas updated
          old replicas pending termination          | 3        | 2          | 2        | 5     | 3       | 3     | 3         | false    | 3       | 3     | 2 old replicas pending termination
          not all available                         | 3        | 2          | 2        | 3     | 3       | 2     | 1         | false    | 3       | 2     | 1 of 3 replicas available
          complete                                  | 3        | 2          | 2        | 3     | 3       | 3     | 3         | true     | 3       | 3     | 3 of 3 replicas available
          complete, controller ahead of generation  | 2        | 2          | 3        | 2     | 2       | 2     | 2         | true     | 2       | 2     | 2 of 2 replicas available
          complete without a generation             | 2        |            |          | 2     | 2       | 2     | 2         | true     | 2       | 2     | 2 of 2 replicas available
          zero replicas                             | 0        | 4          | 4        |       |         |       |           | true     | 0       | 0     | 0 of 0 replicas available
          scaled to zero, old pod still terminating | 0        | 4          | 4        | 1     | 0       | 0     | 0         | false    | 0       | 0     | 1 old replicas pending termination
          """)
  void rolloutIsReadLikeKubectlRolloutStatus(
      String description,
      Integer replicas,
      Long generation,
      Long observed,
      Integer total,
      Integer updated,
      Integer ready,
      Integer available,
      boolean complete,
      int desiredReplicas,
      int readyReplicas,
      String message) {
    boolean noStatus =
        Stream.of(observed, total, updated, ready, available).allMatch(Objects::isNull);
    var status = noStatus ? null : status(observed, total, updated, ready, available);

    assertThat(DeploymentRollout.of(deployment(replicas, generation, status)))
        .isEqualTo(new DeploymentRollout(complete, desiredReplicas, readyReplicas, message));
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
