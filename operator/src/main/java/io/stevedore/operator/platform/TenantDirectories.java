package io.stevedore.operator.platform;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Plan;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The tenant directories that ingest and worker pods read, computed from Tenants (pure). */
public final class TenantDirectories {
  private static final int DEFAULT_INGEST_RATE = new Plan().getIngestRatePerSecond();
  private static final int DEFAULT_WORKER_WEIGHT = new Plan().getWorkerWeight();
  private static final int DEFAULT_RETENTION_DAYS = new TenantSpec().getRetentionDays();

  private TenantDirectories() {}

  /**
   * Ingest's directory: the Environment's tenants (same namespace) that ingest serves (see {@link
   * TenantServing#byIngest}) and whose Secret holds an API key, each with the digests of its valid
   * keys (two during a rotation's overlap), never the keys themselves.
   *
   * @param secretsByName the namespace's tenant Secrets, by Secret name
   */
  public static TenantDirectory forIngest(
      Environment environment, Collection<Tenant> tenants, Map<String, Secret> secretsByName) {
    String name = environment.getMetadata().getName();
    String namespace = environment.getMetadata().getNamespace();
    List<TenantDirectory.Entry> entries =
        tenants.stream()
            .filter(t -> namespace.equals(t.getMetadata().getNamespace()))
            .filter(t -> t.getSpec() != null && name.equals(t.getSpec().getEnvironment()))
            .filter(TenantServing::byIngest)
            .flatMap(
                t ->
                    credentialsOf(t, secretsByName)
                        .map(c -> entry(environment, t, digests(c.validApiKeys())))
                        .stream())
            .toList();
    return directory(environment, entries);
  }

  /**
   * A worker pool's directory: the tenants it serves that workers serve (see {@link
   * TenantServing#byWorkers}), without key digests (workers need none).
   */
  public static TenantDirectory forWorkers(Environment environment, Collection<Tenant> served) {
    return directory(
        environment,
        served.stream()
            .filter(TenantServing::byWorkers)
            .map(t -> entry(environment, t, List.of()))
            .toList());
  }

  /** The directory as the runtime reads it; equal directories give equal text. */
  public static String toJson(TenantDirectory directory) {
    return Serialization.asJson(directory);
  }

  /** The directory a Secret or ConfigMap file holds, or empty when it holds none it can read. */
  public static Optional<TenantDirectory> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Serialization.unmarshal(json, TenantDirectory.class));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A Secret's data from its files: each file's UTF-8 bytes as base64. */
  public static Map<String, String> encoded(Map<String, String> files) {
    Map<String, String> data = new LinkedHashMap<>();
    files.forEach(
        (file, content) ->
            data.put(
                file,
                Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8))));
    return data;
  }

  /** A Secret's files from its data; a value that is not base64 is left out. */
  public static Map<String, String> decoded(Map<String, String> data) {
    Map<String, String> files = new LinkedHashMap<>();
    if (data != null) {
      data.forEach(
          (file, value) -> {
            try {
              files.put(
                  file, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
              // Not written by the operator: a shard's hash check fails on it anyway.
            }
          });
    }
    return files;
  }

  /** Whether the directory lists the tenant. */
  public static boolean lists(TenantDirectory directory, String namespace, String name) {
    return directory.tenants() != null
        && directory.tenants().stream()
            .anyMatch(e -> name.equals(e.name()) && namespace.equals(e.namespace()));
  }

  private static TenantDirectory directory(
      Environment environment, List<TenantDirectory.Entry> entries) {
    return new TenantDirectory(
        environment.getMetadata().getName(),
        entries.stream().sorted(Comparator.comparing(TenantDirectory.Entry::name)).toList());
  }

  private static Optional<TenantCredentials> credentialsOf(
      Tenant tenant, Map<String, Secret> secretsByName) {
    return TenantCredentials.read(
        secretsByName.get(PlatformNames.tenantSecret(tenant.getMetadata().getName())));
  }

  private static List<String> digests(List<String> keys) {
    return keys.stream().map(ApiKeyDigest::sha256).toList();
  }

  private static TenantDirectory.Entry entry(
      Environment environment, Tenant tenant, List<String> apiKeySha256) {
    String namespace = tenant.getMetadata().getNamespace();
    String name = tenant.getMetadata().getName();
    TenantSpec spec = tenant.getSpec();
    Plan plan = spec.getPlan();
    return new TenantDirectory.Entry(
        name,
        namespace,
        TenantQueues.of(namespace, name).main(),
        RecordTable.name(
            environment.getSpec().getStorage().getDynamodb().getTablePrefix(), namespace, name),
        Objects.requireNonNullElse(
            plan == null ? null : plan.getIngestRatePerSecond(), DEFAULT_INGEST_RATE),
        Objects.requireNonNullElse(spec.getRetentionDays(), DEFAULT_RETENTION_DAYS),
        apiKeySha256,
        Boolean.TRUE.equals(spec.getSuspended()),
        Objects.requireNonNullElse(
            plan == null ? null : plan.getWorkerWeight(), DEFAULT_WORKER_WEIGHT),
        TenantBrokerQueues.onSqs(environment) ? TenantBrokerQueues.sqsNames(tenant) : null);
  }
}
