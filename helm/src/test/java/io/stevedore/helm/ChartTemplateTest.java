package io.stevedore.helm;

import static io.stevedore.helm.RenderedChart.FULLNAME;
import static io.stevedore.helm.RenderedChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Renders the chart with default and overridden values and checks the operator's objects. */
class ChartTemplateTest {

  private static final RenderedChart DEFAULTS = RenderedChart.withDefaults();

  private static final RenderedChart OVERRIDDEN =
      RenderedChart.withValues(
          Map.of(
              "replicas", 3,
              "image.repository", "registry.example.com/stevedore/operator",
              "image.tag", "1.2.3-rc.1",
              "image.pullPolicy", "Always",
              "watchNamespaces[0]", "a",
              "watchNamespaces[1]", "b",
              "leaderElection.enabled", false,
              "serviceAccount.create", false,
              "serviceAccount.name", "existing-operator"));

  @Test
  void imageDefaultsToTheChartAppVersion() {
    Container operator = DEFAULTS.operatorContainer();

    assertThat(operator.getImage())
        .isEqualTo(
            "ghcr.io/stevedore-io/stevedore-operator:"
                + RenderedChart.chartYaml().get("appVersion"));
    assertThat(operator.getImagePullPolicy()).isEqualTo("IfNotPresent");
  }

  @Test
  void imageRepositoryTagAndPullPolicyCanBeOverridden() {
    Container operator = OVERRIDDEN.operatorContainer();

    assertThat(operator.getImage()).isEqualTo("registry.example.com/stevedore/operator:1.2.3-rc.1");
    assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
  }

  @Test
  void runsTwoReplicasByDefaultSoOneIsAHotStandby() {
    assertThat(DEFAULTS.deployment().getSpec().getReplicas()).isEqualTo(2);
    assertThat(OVERRIDDEN.deployment().getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void deploymentIsNamedAfterTheReleaseInTheReleaseNamespace() {
    Deployment deployment = DEFAULTS.deployment();

    assertThat(deployment.getMetadata().getName()).isEqualTo(FULLNAME);
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void operatorRunsTheRunCommand() {
    assertThat(DEFAULTS.operatorContainer().getArgs()).containsExactly("run");
  }

  @Test
  void operatorLearnsItsPodNameAndNamespaceFromTheDownwardApi() {
    assertThat(DEFAULTS.operatorContainer().getEnv())
        .filteredOn(var -> var.getValueFrom() != null)
        .extracting(EnvVar::getName, var -> var.getValueFrom().getFieldRef().getFieldPath())
        .contains(tuple("POD_NAMESPACE", "metadata.namespace"), tuple("POD_NAME", "metadata.name"));
  }

  @Test
  void defaultsElectALeaderAndWatchAllNamespaces() {
    assertThat(DEFAULTS.env())
        .contains(
            entry("STEVEDORE_LEADER_ELECTION", "true"),
            entry("STEVEDORE_LEASE_NAME", "stevedore-operator"),
            entry("STEVEDORE_WATCH_NAMESPACES", ""),
            entry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75"));
  }

  @Test
  void watchNamespacesArePassedCommaSeparatedAndLeaderElectionCanBeDisabled() {
    assertThat(OVERRIDDEN.env())
        .contains(
            entry("STEVEDORE_WATCH_NAMESPACES", "a,b"),
            entry("STEVEDORE_LEADER_ELECTION", "false"));
  }

  @Test
  void tenantIsolationIsOnClusterWideAndOffWithWatchNamespacesOrWhenDisabled() {
    assertThat(DEFAULTS.env()).contains(entry("STEVEDORE_TENANT_ISOLATION", "true"));
    assertThat(OVERRIDDEN.env()).contains(entry("STEVEDORE_TENANT_ISOLATION", "false"));
    assertThat(RenderedChart.withValues(Map.of("tenantIsolation.enabled", false)).env())
        .contains(entry("STEVEDORE_TENANT_ISOLATION", "false"));
  }

  @Test
  void operatorLearnsItsPodLabelsSoPlatformNetworkPoliciesAdmitExactlyItsPods() {
    RenderedChart chart =
        RenderedChart.withValues(Map.of("podLabels.team", "platform", "nameOverride", "ops"));
    String labels = chart.env().get("STEVEDORE_OPERATOR_POD_LABELS");
    Map<String, String> parsed = new java.util.LinkedHashMap<>();
    for (String pair : labels.split(",")) {
      parsed.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }

    // The selector labels: on every operator pod, and never changed by an upgrade or podLabels.
    assertThat(parsed).isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
    assertThat(parsed).containsEntry("app.kubernetes.io/name", "ops");
    assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(parsed);
  }

  @Test
  void extraEnvAndJavaToolOptionsComeFromValues() {
    RenderedChart chart =
        RenderedChart.withValues(
            Map.of(
                "javaToolOptions", "-XX:MaxRAMPercentage=50",
                "leaderElection.leaseName", "my-lease",
                "extraEnv[0].name", "STEVEDORE_LOG_LEVEL",
                "extraEnv[0].value", "debug"));

    assertThat(chart.env())
        .contains(
            entry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=50"),
            entry("STEVEDORE_LEASE_NAME", "my-lease"),
            entry("STEVEDORE_LOG_LEVEL", "debug"));
  }

  @Test
  void probesCheckHealthzAndReadyzOnTheHealthPort() {
    Container operator = DEFAULTS.operatorContainer();
    Probe liveness = operator.getLivenessProbe();
    Probe readiness = operator.getReadinessProbe();

    assertThat(operator.getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getName()).isEqualTo("health");
              assertThat(port.getContainerPort()).isEqualTo(8080);
            });
    assertThat(liveness.getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(liveness.getHttpGet().getPort().getStrVal()).isEqualTo("health");
    assertThat(readiness.getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(readiness.getHttpGet().getPort().getStrVal()).isEqualTo("health");
    for (Probe probe : new Probe[] {liveness, readiness}) {
      assertThat(probe.getPeriodSeconds()).isPositive();
      assertThat(probe.getFailureThreshold()).isGreaterThan(1);
    }
    // A JVM needs longer to start than a readiness check is allowed to wait.
    assertThat(liveness.getInitialDelaySeconds()).isGreaterThan(readiness.getInitialDelaySeconds());
  }

  @Test
  void defaultResourcesRequestCpuAndMemoryAndLimitMemory() {
    var resources = DEFAULTS.operatorContainer().getResources();

    assertThat(resources.getRequests())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")));
    assertThat(resources.getLimits())
        .containsExactlyEntriesOf(Map.of("memory", new Quantity("512Mi")));
  }

  @Test
  void podAndContainerRunAsNonRootWithoutPrivileges() {
    PodSecurityContext pod =
        DEFAULTS.deployment().getSpec().getTemplate().getSpec().getSecurityContext();
    SecurityContext container = DEFAULTS.operatorContainer().getSecurityContext();

    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getRunAsNonRoot()).isTrue();
    assertThat(container.getRunAsUser()).isEqualTo(65532L);
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isEmpty();
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void jvmGetsAWritableTmpDespiteTheReadOnlyRootFilesystem() {
    PodSpec pod = DEFAULTS.deployment().getSpec().getTemplate().getSpec();

    assertThat(DEFAULTS.operatorContainer().getVolumeMounts())
        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).anySatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
  }

  @Test
  void schedulingAndPodMetadataComeFromValues() {
    RenderedChart chart =
        RenderedChart.withValuesYaml(
            """
            nodeSelector:
              kubernetes.io/os: linux
            tolerations:
              - key: dedicated
                operator: Exists
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                    - matchExpressions:
                        - {key: zone, operator: In, values: [a]}
            podAnnotations:
              team: ingest
            podLabels:
              tier: control-plane
            imagePullSecrets:
              - name: regcred
            """);
    PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();

    assertThat(pod.getNodeSelector()).containsExactly(entry("kubernetes.io/os", "linux"));
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(toleration -> assertThat(toleration.getKey()).isEqualTo("dedicated"));
    assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
    assertThat(pod.getImagePullSecrets())
        .singleElement()
        .satisfies(secret -> assertThat(secret.getName()).isEqualTo("regcred"));
    assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("team", "ingest");
    assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("tier", "control-plane");
  }

  @Test
  void podLabelsCannotOverrideTheSelectorLabels() {
    RenderedChart chart =
        RenderedChart.withValues(Map.of("podLabels.app\\.kubernetes\\.io/name", "other"));
    Deployment deployment = chart.deployment();

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void createsAServiceAccountNamedAfterTheReleaseByDefault() {
    ServiceAccount account = DEFAULTS.single(ServiceAccount.class);

    assertThat(account.getMetadata().getName()).isEqualTo(FULLNAME);
    assertThat(account.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(DEFAULTS.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(FULLNAME);
  }

  @Test
  void existingServiceAccountIsUsedAndBoundWhenCreateIsFalse() {
    assertThat(OVERRIDDEN.all(ServiceAccount.class)).isEmpty();
    assertThat(OVERRIDDEN.deployment().getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("existing-operator");
    assertThat(
            RenderedChart.withValues(
                    Map.of("serviceAccount.create", false, "serviceAccount.name", "existing"))
                .all(ClusterRoleBinding.class))
        .isNotEmpty()
        .allSatisfy(
            binding ->
                assertThat(binding.getSubjects())
                    .singleElement()
                    .satisfies(subject -> assertThat(subject.getName()).isEqualTo("existing")));
    // Leader election is off in these values: the Roles to bind are those of the watched
    // namespaces.
    assertThat(OVERRIDDEN.all(RoleBinding.class))
        .extracting(binding -> binding.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("a", "b");
    assertThat(OVERRIDDEN.all(RoleBinding.class))
        .allSatisfy(
            binding ->
                assertThat(binding.getSubjects())
                    .singleElement()
                    .satisfies(
                        subject -> assertThat(subject.getName()).isEqualTo("existing-operator")));
  }

  @Test
  void misspeltTopLevelValueIsRejectedByTheSchema() {
    assertThatThrownBy(() -> RenderedChart.template(Map.of("replcias", 3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replcias");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "image.repo, ghcr.io/x/y, image.repo misspelt",
    "replicas, -1, negative replicas",
    "replicas, two, replicas not an integer",
    "image.pullPolicy, Sometimes, pull policy not in the enum",
    "watchNamespaces[0], Not_A_Namespace, namespace not DNS-1123",
    "leaderElection.enabled, maybe, enabled not a boolean",
    "rbac.create, yes please, create not a boolean",
    "tenantIsolation.enabled, maybe, isolation not a boolean",
  })
  void invalidValueIsRejectedByTheSchema(String key, String value, String why) {
    assertThatThrownBy(() -> RenderedChart.template(Map.of(key, value)))
        .as(why)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("values don't meet the specifications of the schema");
  }
}
