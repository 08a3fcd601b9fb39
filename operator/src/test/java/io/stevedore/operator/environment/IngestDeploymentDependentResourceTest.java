package io.stevedore.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.OperatorPods;
import io.stevedore.operator.platform.PlatformConfig;
import io.stevedore.operator.platform.PlatformDeployment;
import io.stevedore.operator.testing.Fixtures;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IngestDeploymentDependentResourceTest {
  private final Environment environment = Fixtures.environment("team-a", "staging");

  @Test
  void deploymentIsNamedAfterTheEnvironmentInItsNamespace() {
    var metadata = IngestDeploymentDependentResource.desired(environment).getMetadata();

    assertThat(metadata.getName()).isEqualTo("staging-ingest");
    assertThat(metadata.getNamespace()).isEqualTo("team-a");
    assertThat(metadata.getLabels()).containsEntry("stevedore.io/environment", "staging");
  }

  @Test
  void imageComesFromTheRelease() {
    environment.getSpec().getRelease().setImage("registry.example/runtime:2.3.4");

    assertThat(container(desired()).getImage()).isEqualTo("registry.example/runtime:2.3.4");
  }

  @Test
  void replicasAndResourcesComeFromSpecIngest() {
    var resources =
        new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("250m")).build();
    environment.getSpec().getIngest().setReplicas(7);
    environment.getSpec().getIngest().setResources(resources);

    Deployment deployment = desired();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(7);
    assertThat(container(deployment).getResources()).isEqualTo(resources);
  }

  @Test
  void rollingUpdateNeverTakesAPodAwayFirst() {
    var strategy = desired().getSpec().getStrategy();

    assertThat(strategy.getType()).isEqualTo("RollingUpdate");
    assertThat(strategy.getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
  }

  @Test
  void probesAskTheManagementPort() {
    Container container = container(desired());

    assertThat(container.getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo("management");
              assertThat(p.getContainerPort()).isEqualTo(8081);
            });
    assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
    assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
    assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
  }

  @Test
  void credentialsComeFromTheReferencedSecretsNeverAsValues() {
    var mysql = environment.getSpec().getStorage().getMysql().getConnectionSecretRef();
    mysql.setUrlKey("jdbc");
    mysql.setPasswordKey("pw");

    Map<String, EnvVar> env = env(container(desired()));

    assertSecretRef(env, "STEVEDORE_BROKER_RABBITMQ_USERNAME", "staging-rabbitmq", "username");
    assertSecretRef(env, "STEVEDORE_BROKER_RABBITMQ_PASSWORD", "staging-rabbitmq", "password");
    assertSecretRef(env, "STEVEDORE_STORAGE_MYSQL_URL", "staging-mysql", "jdbc");
    assertSecretRef(env, "STEVEDORE_STORAGE_MYSQL_USERNAME", "staging-mysql", "username");
    assertSecretRef(env, "STEVEDORE_STORAGE_MYSQL_PASSWORD", "staging-mysql", "pw");
    assertThat(env.values())
        .filteredOn(e -> e.getValue() != null)
        .extracting(EnvVar::getName)
        .containsExactlyInAnyOrder(
            "STEVEDORE_ROLE", "STEVEDORE_TENANTS_FILE", "STEVEDORE_INGEST_REPLICAS");
  }

  @Test
  void eachIngestPodIsToldHowManyReplicasShareATenantsRateLimit() {
    var environment = Fixtures.environment("team-a", "staging");
    environment.getSpec().getIngest().setReplicas(3);

    var env = env(container(IngestDeploymentDependentResource.desired(environment)));

    assertThat(env.get("STEVEDORE_INGEST_REPLICAS").getValue()).isEqualTo("3");
  }

  @Test
  void tenantDirectorySecretsAreMountedReadOnlyWhereTheRuntimeLooksEveryShardSlotOptional() {
    Deployment deployment = desired();

    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("tenants"))
        .singleElement()
        .satisfies(
            v -> {
              var sources = v.getProjected().getSources();
              assertThat(sources).hasSize(257);
              assertThat(sources.get(0).getSecret().getName()).isEqualTo("staging-tenants");
              assertThat(sources.get(0).getSecret().getOptional()).isNull();
              assertThat(sources.get(256).getSecret().getName()).isEqualTo("staging-tenants-255");
              assertThat(sources.subList(1, 257))
                  .allSatisfy(s -> assertThat(s.getSecret().getOptional()).isTrue());
            });
    Container container = container(deployment);
    assertThat(container.getVolumeMounts())
        .filteredOn(m -> m.getName().equals("tenants"))
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/stevedore/tenants"))
        .satisfies(m -> assertThat(m.getReadOnly()).isTrue())
        .satisfies(m -> assertThat(m.getSubPath()).as("a subPath is never refreshed").isNull());
    assertThat(env(container).get("STEVEDORE_TENANTS_FILE").getValue())
        .isEqualTo("/etc/stevedore/tenants/tenants.json");
  }

  @Test
  void configurationComesFromThePlatformConfigMap() {
    var envFrom = container(desired()).getEnvFrom();

    assertThat(envFrom).hasSize(1);
    assertThat(envFrom.get(0).getConfigMapRef().getName()).isEqualTo("staging-platform");
  }

  @Test
  void roleIsIngest() {
    assertThat(env(container(desired())).get("STEVEDORE_ROLE").getValue()).isEqualTo("ingest");
  }

  @Test
  void podRunsAsNonRootWithAReadOnlyRootAndNoCapabilities() {
    var pod = desired().getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0).getSecurityContext();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void podTemplateCarriesTheChecksumOfThePlatformConfig() {
    String expected = PlatformConfig.checksum(PlatformConfig.data(environment));
    var annotations = desired().getSpec().getTemplate().getMetadata().getAnnotations();

    assertThat(annotations).containsEntry("stevedore.io/config-checksum", expected);

    environment.getSpec().getBroker().getRabbitmq().setVhost("other");
    assertThat(desired().getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainEntry("stevedore.io/config-checksum", expected);
  }

  @Test
  void selectorLabelsAreASubsetOfThePodLabels() {
    Deployment deployment = desired();
    var selector = deployment.getSpec().getSelector().getMatchLabels();
    var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    assertThat(selector)
        .containsEntry("app.kubernetes.io/component", "ingest")
        .containsEntry("app.kubernetes.io/instance", "staging-ingest");
    assertThat(podLabels).containsAllEntriesOf(selector);
    assertThat(podLabels).containsEntry("app.kubernetes.io/version", "1.0.0");
    assertThat(selector).doesNotContainKey("app.kubernetes.io/version");
  }

  @Test
  void podsRunAsTheEnvironmentsServiceAccountWithoutAnApiToken() {
    environment.getSpec().setServiceAccountName("staging-platform");

    var pod = desired().getSpec().getTemplate().getSpec();

    assertThat(pod.getServiceAccountName()).isEqualTo("staging-platform");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void withoutAServiceAccountNamePodsGetTheNamespacesDefaultStillWithoutAnApiToken() {
    var pod = desired().getSpec().getTemplate().getSpec();

    assertThat(pod.getServiceAccountName()).isNull();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void networkPolicySelectsTheIngestPodsAndOpensTheirDataPort() {
    var operator = new OperatorPods("ops", Map.of("app.kubernetes.io/name", "stevedore"));
    var policy = IngestNetworkPolicyDependentResource.desired(environment, operator);

    assertThat(policy.getMetadata().getName()).isEqualTo("staging-ingest");
    assertThat(policy.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(desired().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getIngress())
        .anySatisfy(
            rule -> {
              assertThat(rule.getFrom()).isNull();
              assertThat(rule.getPorts().get(0).getPort().getIntVal())
                  .isEqualTo(PlatformDeployment.HTTP_PORT);
            });
  }

  private Deployment desired() {
    return IngestDeploymentDependentResource.desired(environment);
  }

  private static Container container(Deployment deployment) {
    var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Map<String, EnvVar> env(Container container) {
    return container.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("management"));
  }

  private static void assertSecretRef(
      Map<String, EnvVar> env, String variable, String secret, String key) {
    EnvVar envVar = env.get(variable);
    assertThat(envVar).as(variable).isNotNull();
    assertThat(envVar.getValue()).as(variable).isNull();
    assertThat(envVar.getValueFrom().getSecretKeyRef().getName()).as(variable).isEqualTo(secret);
    assertThat(envVar.getValueFrom().getSecretKeyRef().getKey()).as(variable).isEqualTo(key);
  }
}
