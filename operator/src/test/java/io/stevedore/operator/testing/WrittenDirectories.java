package io.stevedore.operator.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.platform.ShardedTenantDirectory;
import io.stevedore.operator.platform.TenantDirectories;
import java.util.Map;
import java.util.stream.Collectors;

/** The tenant directories as the operator wrote them, read back from the API (for tests). */
public final class WrittenDirectories {
  private WrittenDirectories() {}

  /** Ingest's directory of Environment {@code environment}, assembled from its shards. */
  public static TenantDirectory ingest(KubernetesClient client, String ns, String environment) {
    var secrets = client.secrets().inNamespace(ns);
    return ShardedTenantDirectory.read(
            environment + "-tenants",
            name -> {
              Secret secret = secrets.withName(name).get();
              return secret == null ? null : TenantDirectories.decoded(secret.getData());
            })
        .orElseThrow(() -> new AssertionError("no consistent ingest directory of " + environment));
  }

  /** Every file of every Secret of ingest's directory, as ingest reads them, one after another. */
  public static String ingestFiles(KubernetesClient client, String ns, String environment) {
    return client.secrets().inNamespace(ns).list().getItems().stream()
        .filter(s -> s.getMetadata().getName().startsWith(environment + "-tenants"))
        .flatMap(s -> TenantDirectories.decoded(s.getData()).values().stream())
        .collect(Collectors.joining("\n"));
  }

  /** The directory of WorkerPool {@code pool}, assembled from its shards. */
  public static TenantDirectory workers(KubernetesClient client, String ns, String pool) {
    var configMaps = client.configMaps().inNamespace(ns);
    return ShardedTenantDirectory.read(
            pool + "-tenants",
            name -> {
              ConfigMap configMap = configMaps.withName(name).get();
              return configMap == null ? null : Map.copyOf(configMap.getData());
            })
        .orElseThrow(() -> new AssertionError("no consistent worker directory of " + pool));
  }
}
