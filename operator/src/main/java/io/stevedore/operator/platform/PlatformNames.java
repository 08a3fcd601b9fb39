package io.stevedore.operator.platform;

/** Names of what Stevedore creates, derived from the owning resource; one place, so they agree. */
public final class PlatformNames {
  /** Longest Environment name whose derived names still fit a 63-character DNS label. */
  public static final int MAX_ENVIRONMENT_NAME = 63 - "-platform".length();

  /** Longest WorkerPool name whose Deployment name still fits a 63-character DNS label. */
  public static final int MAX_WORKER_POOL_NAME = 63 - "-workers".length();

  private PlatformNames() {}

  public static String platformConfigMap(String environment) {
    return environment + "-platform";
  }

  public static String ingest(String environment) {
    return environment + "-ingest";
  }

  public static String workers(String workerPool) {
    return workerPool + "-workers";
  }

  /** The Secret with the tenant directory (with API key digests) that ingest pods mount. */
  public static String ingestTenantDirectory(String environment) {
    return environment + "-tenants";
  }

  /** The ConfigMap with the tenant directory (no key digests) that a pool's workers mount. */
  public static String workerTenantDirectory(String workerPool) {
    return workerPool + "-tenants";
  }

  public static String tenantSecret(String tenant) {
    return "tenant-" + tenant;
  }
}
