package io.stevedore.operator.workerpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.OperatorPods;
import io.stevedore.operator.platform.PlatformDeployment;
import io.stevedore.operator.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerDeploymentDependentResourceTest {
  private final Environment environment = Fixtures.environment("team-a", "staging");
  private final WorkerPool pool = Fixtures.workerPool("team-a", "standard", "staging", "standard");

  @Test
  void deploymentIsNamedAfterThePoolInItsNamespace() {
    var metadata = desired().getMetadata();

    assertThat(metadata.getName()).isEqualTo("standard-workers");
    assertThat(metadata.getNamespace()).isEqualTo("team-a");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void replicasStartAtTheMinimum(int min) {
    pool.getSpec().setScaling(Fixtures.scaling(min, 10));

    assertThat(desired().getSpec().getReplicas()).isEqualTo(min);
  }

  @Test
  void aPoolCreatedPinnedStartsAtThePinnedCount() {
    pool.getMetadata().setAnnotations(Map.of("stevedore.io/scaling-paused-replicas", "7"));

    assertThat(desired().getSpec().getReplicas()).isEqualTo(7);
  }

  @ParameterizedTest(name = "the Deployment has {0} replicas, bounds 2..6: an update keeps {0}")
  @ValueSource(ints = {0, 1, 4, 9})
  void anUpdateKeepsTheReplicasTheAutoscalerSet(int set) {
    pool.getSpec().setScaling(Fixtures.scaling(2, 6));
    var actual = desired();
    actual.getSpec().setReplicas(set);
    environment.getSpec().getRelease().setImage("registry.example/runtime:9.9.9");

    var update = WorkerDeploymentDependentResource.withReplicasOf(actual, desired());

    assertThat(update.getSpec().getReplicas()).isEqualTo(set);
    assertThat(container(update).getImage()).isEqualTo("registry.example/runtime:9.9.9");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 60, 3600})
  void graceOutlastsTheDrainByTheKillMargin(int drainSeconds) {
    pool.getSpec().getDrain().setMaxSeconds(drainSeconds);

    assertThat(desired().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(drainSeconds + 15L)
        .isEqualTo(drainSeconds + WorkerDeploymentDependentResource.KILL_MARGIN_SECONDS);
  }

  @Test
  void workerIsToldItsPoolAndDrainTime() {
    pool.getSpec().getDrain().setMaxSeconds(45);

    Container container = container(desired());

    assertThat(value(container, "STEVEDORE_WORKER_POOL")).isEqualTo("standard");
    assertThat(value(container, "STEVEDORE_WORKER_DRAIN_SECONDS")).isEqualTo("45");
    assertThat(value(container, "STEVEDORE_ROLE")).isEqualTo("worker");
  }

  @Test
  void workerGetsTheEnvironmentsCredentialsAndConfiguration() {
    Container container = container(desired());

    assertThat(container.getEnv())
        .filteredOn(e -> e.getName().equals("STEVEDORE_STORAGE_MYSQL_PASSWORD"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("staging-mysql"));
    assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName())
        .isEqualTo("staging-platform");
  }

  @Test
  void podsCarryTheWorkerPoolLabelAndWorkerComponent() {
    Deployment deployment = desired();
    var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    var selector = deployment.getSpec().getSelector().getMatchLabels();

    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("stevedore.io/worker-pool", "standard");
    assertThat(podLabels)
        .containsEntry("stevedore.io/worker-pool", "standard")
        .containsEntry("stevedore.io/environment", "staging")
        .containsEntry("app.kubernetes.io/component", "worker")
        .containsAllEntriesOf(selector);
    assertThat(selector).containsEntry("app.kubernetes.io/instance", "standard-workers");
  }

  @Test
  void imageComesFromTheEnvironmentsRelease() {
    environment.getSpec().getRelease().setImage("registry.example/runtime:9.9.9");

    assertThat(container(desired()).getImage()).isEqualTo("registry.example/runtime:9.9.9");
  }

  @Test
  void resourcesComeFromThePool() {
    var resources =
        new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi")).build();
    pool.getSpec().setResources(resources);

    assertThat(container(desired()).getResources()).isEqualTo(resources);
  }

  @Test
  void tenantDirectoryConfigMapIsMountedWhereTheRuntimeLooks() {
    Deployment deployment = desired();

    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("tenants"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getProjected().getSources())
                    .hasSize(257)
                    .allSatisfy(s -> assertThat(s.getSecret()).isNull())
                    .first()
                    .satisfies(
                        s -> assertThat(s.getConfigMap().getName()).isEqualTo("standard-tenants")));
    Container container = container(deployment);
    assertThat(container.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/stevedore/tenants"));
    assertThat(value(container, "STEVEDORE_TENANTS_FILE"))
        .isEqualTo("/etc/stevedore/tenants/tenants.json");
  }

  @Test
  void workersRunAsTheEnvironmentsServiceAccountWithoutAnApiToken() {
    environment.getSpec().setServiceAccountName("staging-platform");

    var pod = desired().getSpec().getTemplate().getSpec();

    assertThat(pod.getServiceAccountName()).isEqualTo("staging-platform");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void networkPolicySelectsThisPoolsWorkersAndLetsInOnlyTheActuator() {
    var operator = new OperatorPods("ops", Map.of("app.kubernetes.io/name", "stevedore"));
    var policy = WorkerNetworkPolicyDependentResource.desired(pool, environment, operator);
    var other = Fixtures.workerPool("team-a", "bulk", "staging", "bulk");

    assertThat(policy.getMetadata().getName()).isEqualTo("standard-workers");
    var selector = policy.getSpec().getPodSelector().getMatchLabels();
    assertThat(desired().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(selector);
    assertThat(
            WorkerDeploymentDependentResource.desired(other, environment)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels()
                .entrySet())
        .as("another pool's workers")
        .doesNotContainAnyElementsOf(
            selector.entrySet().stream()
                .filter(e -> e.getKey().equals("app.kubernetes.io/instance"))
                .toList());
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getPorts().get(0).getPort().getIntVal())
                    .isEqualTo(PlatformDeployment.MANAGEMENT_PORT));
  }

  private Deployment desired() {
    return WorkerDeploymentDependentResource.desired(pool, environment);
  }

  private static Container container(Deployment deployment) {
    var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static String value(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not set"));
  }
}
