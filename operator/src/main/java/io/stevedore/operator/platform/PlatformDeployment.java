package io.stevedore.operator.platform;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantDirectoryManifest;
import io.stevedore.operator.api.v1alpha1.CredentialsSecretRef;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Deployment of the platform runtime in one role: the shape ingest and worker Deployments share
 * (image, configuration, secrets, probes, hardening, zero-downtime rollout).
 */
public final class PlatformDeployment {
  public static final int HTTP_PORT = 8080;
  public static final int MANAGEMENT_PORT = 8081;
  public static final String CONFIG_CHECKSUM_ANNOTATION = "stevedore.io/config-checksum";
  public static final String TENANT_DIRECTORY_VOLUME = "tenants";
  public static final String TENANTS_FILE_VARIABLE = "STEVEDORE_TENANTS_FILE";

  /**
   * A new pod counts as available only after being Ready this long, so a release that fails just
   * after its first readiness probe stops its rollout before the old pods are gone.
   */
  public static final int MIN_READY_SECONDS = 5;

  private PlatformDeployment() {}

  /**
   * What differs between the roles.
   *
   * @param tenantDirectory the volume with the role's tenant directory, from {@link
   *     #tenantDirectoryFromSecrets} or {@link #tenantDirectoryFromConfigMaps}
   */
  public record Role(
      String name,
      String deploymentName,
      int replicas,
      ResourceRequirements resources,
      long terminationGracePeriodSeconds,
      Map<String, String> extraLabels,
      List<EnvVar> extraEnv,
      Volume tenantDirectory) {}

  /**
   * The tenant directory volume from Secrets (ingest: it carries API key digests): the manifest and
   * every shard slot, each optional, so the shard count changes without rolling the pods.
   */
  public static Volume tenantDirectoryFromSecrets(String manifestSecret) {
    List<VolumeProjection> sources = new ArrayList<>();
    sources.add(
        new VolumeProjectionBuilder().withNewSecret().withName(manifestSecret).endSecret().build());
    for (int shard = 0; shard < TenantDirectoryManifest.MAX_SHARDS; shard++) {
      sources.add(
          new VolumeProjectionBuilder()
              .withNewSecret()
              .withName(ShardedTenantDirectory.shardObject(manifestSecret, shard))
              .withOptional(true)
              .endSecret()
              .build());
    }
    return projected(sources);
  }

  /** The tenant directory volume from ConfigMaps (workers: no secrets in it), as for Secrets. */
  public static Volume tenantDirectoryFromConfigMaps(String manifestConfigMap) {
    List<VolumeProjection> sources = new ArrayList<>();
    sources.add(
        new VolumeProjectionBuilder()
            .withNewConfigMap()
            .withName(manifestConfigMap)
            .endConfigMap()
            .build());
    for (int shard = 0; shard < TenantDirectoryManifest.MAX_SHARDS; shard++) {
      sources.add(
          new VolumeProjectionBuilder()
              .withNewConfigMap()
              .withName(ShardedTenantDirectory.shardObject(manifestConfigMap, shard))
              .withOptional(true)
              .endConfigMap()
              .build());
    }
    return projected(sources);
  }

  private static Volume projected(List<VolumeProjection> sources) {
    return new VolumeBuilder()
        .withName(TENANT_DIRECTORY_VOLUME)
        .withNewProjected()
        .withSources(sources)
        .endProjected()
        .build();
  }

  public static Deployment build(Environment environment, Role role) {
    String envName = environment.getMetadata().getName();
    var release = environment.getSpec().getRelease();
    Map<String, String> selector = Labels.selector(role.name(), role.deploymentName());
    Map<String, String> labels = Labels.of(role.name(), role.deploymentName(), envName);
    labels.putAll(role.extraLabels());
    Map<String, String> podLabels = new java.util.LinkedHashMap<>(labels);
    podLabels.put(Labels.VERSION, release.getVersion());
    String checksum = PlatformConfig.checksum(PlatformConfig.data(environment));

    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(role.deploymentName())
        .withNamespace(environment.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(role.replicas())
        .withMinReadySeconds(MIN_READY_SECONDS)
        .withRevisionHistoryLimit(5)
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(0))
        .withMaxSurge(new IntOrString("25%"))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        .withAnnotations(Map.of(CONFIG_CHECKSUM_ANNOTATION, checksum))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(environment.getSpec().getServiceAccountName())
        // The runtime never calls the Kubernetes API; workload identity webhooks project their own.
        .withAutomountServiceAccountToken(false)
        .withTerminationGracePeriodSeconds(role.terminationGracePeriodSeconds())
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65532L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withContainers(
            new ContainerBuilder()
                .withName("runtime")
                .withImage(release.getImage())
                .addNewPort()
                .withName("http")
                .withContainerPort(HTTP_PORT)
                .endPort()
                .addNewPort()
                .withName("management")
                .withContainerPort(MANAGEMENT_PORT)
                .endPort()
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName(PlatformNames.platformConfigMap(envName))
                .endConfigMapRef()
                .endEnvFrom()
                .withEnv(env(environment, role))
                .withResources(role.resources())
                .withReadinessProbe(probe("/actuator/health/readiness", 5, 3))
                .withLivenessProbe(probe("/actuator/health/liveness", 10, 6))
                .withStartupProbe(probe("/actuator/health/liveness", 2, 60))
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                // The whole volume, not a subPath: the kubelet refreshes only those in place.
                .addNewVolumeMount()
                .withName(TENANT_DIRECTORY_VOLUME)
                .withMountPath(TenantDirectory.MOUNT_PATH)
                .withReadOnly(true)
                .endVolumeMount()
                .build())
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .addToVolumes(role.tenantDirectory())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(Environment environment, Role role) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName("STEVEDORE_ROLE").withValue(role.name()).build());
    env.add(
        new EnvVarBuilder()
            .withName(TENANTS_FILE_VARIABLE)
            .withValue(TenantDirectory.MOUNT_PATH + "/" + TenantDirectory.FILE_NAME)
            .build());
    var rabbit = environment.getSpec().getBroker().getRabbitmq();
    if (rabbit != null) {
      CredentialsSecretRef credentials = rabbit.getCredentialsSecretRef();
      env.add(
          secret(
              "STEVEDORE_BROKER_RABBITMQ_USERNAME",
              credentials.getName(),
              credentials.getUsernameKey()));
      env.add(
          secret(
              "STEVEDORE_BROKER_RABBITMQ_PASSWORD",
              credentials.getName(),
              credentials.getPasswordKey()));
    }
    var mysql = environment.getSpec().getStorage().getMysql().getConnectionSecretRef();
    env.add(secret("STEVEDORE_STORAGE_MYSQL_URL", mysql.getName(), mysql.getUrlKey()));
    env.add(secret("STEVEDORE_STORAGE_MYSQL_USERNAME", mysql.getName(), mysql.getUsernameKey()));
    env.add(secret("STEVEDORE_STORAGE_MYSQL_PASSWORD", mysql.getName(), mysql.getPasswordKey()));
    env.addAll(role.extraEnv());
    return env;
  }

  private static EnvVar secret(String variable, String secretName, String key) {
    return new EnvVarBuilder()
        .withName(variable)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secretName)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withHttpGet(
            new HTTPGetActionBuilder()
                .withPath(path)
                .withPort(new IntOrString("management"))
                .build())
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .withTimeoutSeconds(2)
        .build();
  }
}
