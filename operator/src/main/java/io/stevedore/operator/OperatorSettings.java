package io.stevedore.operator;

import io.stevedore.operator.kube.OperatorPods;
import io.stevedore.operator.platform.TenantDirectoryDependentResource;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an operator process runs, read from environment variables (the Helm chart sets them).
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param leaderElection whether replicas elect a leader through a Lease
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace, normally the operator's own
 * @param identity this replica's name in Events and in the Lease
 * @param healthPort port of /healthz and /readyz; 0 picks a free one, -1 turns them off
 * @param tenantResync how often a provisioned Tenant is checked for drift (what was deleted out of
 *     band is re-created then)
 * @param operatorPods the namespace and labels of the operator's pods, which the platform pods'
 *     NetworkPolicies let reach their actuator port
 * @param tenantIsolation whether this operator may give tenants namespaces of their own (it needs
 *     cluster-wide rights for that, which the chart grants only without watchNamespaces)
 * @param tenantDirectoryMaxObjectBytes the most bytes of tenant directory one Secret or ConfigMap
 *     holds; a larger directory is split into more shards
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    String identity,
    int healthPort,
    Duration tenantResync,
    OperatorPods operatorPods,
    boolean tenantIsolation,
    int tenantDirectoryMaxObjectBytes) {
  /** Drift checks every 30 s: a queue or table deleted out of band is back within a minute. */
  public static final Duration DEFAULT_TENANT_RESYNC = Duration.ofSeconds(30);

  /** The labels of the chart's operator pods with its default release name. */
  public static final String DEFAULT_POD_LABELS =
      "app.kubernetes.io/name=stevedore,app.kubernetes.io/instance=stevedore";

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    String namespaces = env.getOrDefault("STEVEDORE_WATCH_NAMESPACES", "");
    String namespace = env.getOrDefault("POD_NAMESPACE", "default");
    return new OperatorSettings(
        Arrays.stream(namespaces.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        Boolean.parseBoolean(env.getOrDefault("STEVEDORE_LEADER_ELECTION", "true")),
        env.getOrDefault("STEVEDORE_LEASE_NAME", "stevedore-operator"),
        namespace,
        env.getOrDefault("POD_NAME", hostname()),
        Integer.parseInt(env.getOrDefault("STEVEDORE_HEALTH_PORT", "8080")),
        Duration.ofSeconds(
            Long.parseLong(
                env.getOrDefault(
                    "STEVEDORE_TENANT_RESYNC_SECONDS",
                    String.valueOf(DEFAULT_TENANT_RESYNC.toSeconds())))),
        new OperatorPods(
            namespace,
            OperatorPods.parseLabels(
                env.getOrDefault("STEVEDORE_OPERATOR_POD_LABELS", DEFAULT_POD_LABELS))),
        Boolean.parseBoolean(env.getOrDefault("STEVEDORE_TENANT_ISOLATION", "true")),
        Integer.parseInt(
            env.getOrDefault(
                "STEVEDORE_TENANT_DIRECTORY_MAX_OBJECT_BYTES",
                String.valueOf(TenantDirectoryDependentResource.DEFAULT_MAX_OBJECT_BYTES))));
  }

  /** Settings for an operator embedded in the sandbox or a test: all namespaces, no health port. */
  public static OperatorSettings embedded(String identity) {
    return new OperatorSettings(
        Set.of(),
        true,
        "stevedore-operator",
        "default",
        identity,
        -1,
        DEFAULT_TENANT_RESYNC,
        new OperatorPods("default", OperatorPods.parseLabels(DEFAULT_POD_LABELS)),
        true,
        TenantDirectoryDependentResource.DEFAULT_MAX_OBJECT_BYTES);
  }

  public OperatorSettings withHealthPort(int port) {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        identity,
        port,
        tenantResync,
        operatorPods,
        tenantIsolation,
        tenantDirectoryMaxObjectBytes);
  }

  public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
    return new OperatorSettings(
        Set.copyOf(namespaces),
        leaderElection,
        leaseName,
        leaseNamespace,
        identity,
        healthPort,
        tenantResync,
        operatorPods,
        tenantIsolation,
        tenantDirectoryMaxObjectBytes);
  }

  public OperatorSettings withTenantResync(Duration resync) {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        identity,
        healthPort,
        resync,
        operatorPods,
        tenantIsolation,
        tenantDirectoryMaxObjectBytes);
  }

  /** These settings with tenant directory objects of at most {@code bytes} each. */
  public OperatorSettings withTenantDirectoryMaxObjectBytes(int bytes) {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        identity,
        healthPort,
        tenantResync,
        operatorPods,
        tenantIsolation,
        bytes);
  }

  /** These settings for an operator that may not give tenants namespaces (watchNamespaces). */
  public OperatorSettings withoutTenantIsolation() {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        identity,
        healthPort,
        tenantResync,
        operatorPods,
        false,
        tenantDirectoryMaxObjectBytes);
  }

  private static String hostname() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "stevedore-operator";
    }
  }
}
