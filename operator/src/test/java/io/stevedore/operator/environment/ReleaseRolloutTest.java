package io.stevedore.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.workerpool.WorkerDeployments;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReleaseRolloutTest {

  /** replicas, status replicas, updated, available; template version. */
  record Pods(int desired, int total, int updated, int available, String version) {}

  static Stream<Arguments> rollouts() {
    var done = new Pods(2, 2, 2, 2, "1.5.0");
    return Stream.of(
        Arguments.of(
            "ingest and workers on the release",
            done,
            List.of(done, new Pods(3, 3, 3, 3, "1.5.0")),
            true,
            "workers of 2 pools rolled out"),
        Arguments.of("no worker pools", done, List.of(), true, "2 of 2 replicas available"),
        Arguments.of(
            "ingest surging",
            new Pods(2, 3, 1, 2, "1.5.0"),
            List.of(done),
            false,
            "ingest 1 of 2 replicas updated"),
        Arguments.of(
            "ingest template still old",
            new Pods(2, 2, 2, 2, "1.4.0"),
            List.of(done),
            false,
            "ingest not updated yet"),
        Arguments.of(
            "a worker template still old",
            done,
            List.of(new Pods(2, 2, 2, 2, "1.4.0")),
            false,
            "worker pool pool-0: not updated yet"),
        Arguments.of(
            "old workers still running",
            done,
            List.of(new Pods(2, 3, 1, 2, "1.5.0")),
            false,
            "worker pool pool-0: 1 of 2 replicas updated"),
        Arguments.of(
            "new workers never became available",
            done,
            List.of(new Pods(2, 2, 2, 0, "1.5.0")),
            false,
            "worker pool pool-0"),
        Arguments.of(
            "workers scaling out after the rollout",
            done,
            List.of(new Pods(6, 6, 6, 2, "1.5.0")),
            true,
            "rolled out"),
        Arguments.of(
            "workers scaled to zero",
            done,
            List.of(new Pods(0, 0, 0, 0, "1.5.0")),
            true,
            "rolled out"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rollouts")
  void theReleaseRunsEverywhereOnlyOnceIngestAndEveryPoolRunIt(
      String description, Pods ingest, List<Pods> workers, boolean complete, String message) {
    Environment environment = Fixtures.environment("ns", "prod");
    environment.getSpec().setRelease(Fixtures.release("1.5.0"));
    var ingestDeployment =
        withStatus(
            IngestDeploymentDependentResource.desired(at(environment, ingest.version())), ingest);
    List<Deployment> workerDeployments = new java.util.ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      var pool = Fixtures.workerPool("ns", "pool-" + i, "prod", "standard");
      workerDeployments.add(
          withStatus(
              WorkerDeployments.desired(pool, at(environment, workers.get(i).version())),
              workers.get(i)));
    }

    var rollout = ReleaseRollout.of(environment, ingestDeployment, workerDeployments);

    assertThat(rollout.complete()).isEqualTo(complete);
    assertThat(rollout.message()).startsWith("release 1.5.0: ").contains(message);
  }

  private static Environment at(Environment environment, String version) {
    var copy = io.fabric8.kubernetes.client.utils.Serialization.clone(environment);
    copy.getSpec().setRelease(Fixtures.release(version));
    return copy;
  }

  private static Deployment withStatus(Deployment deployment, Pods pods) {
    deployment.getSpec().setReplicas(pods.desired());
    deployment.getMetadata().setGeneration(2L);
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(2L)
            .withReplicas(pods.total())
            .withUpdatedReplicas(pods.updated())
            .withReadyReplicas(pods.available())
            .withAvailableReplicas(pods.available())
            .build());
    return deployment;
  }
}
