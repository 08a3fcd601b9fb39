package io.stevedore.contract;

import java.util.List;

/**
 * The tenants an ingest or worker pod serves, as the operator writes them (JSON, mounted into the
 * pods as a file that the runtime reloads when it changes).
 *
 * @param environment the Environment these tenants belong to
 * @param tenants one entry per tenant
 * @param generation ingest's directory only: grows by one with every change of its content, so a
 *     pod that reports the generation it serves tells the operator which tenants it still accepts
 *     (0: a directory that carries none, such as a worker pool's)
 */
public record TenantDirectory(String environment, List<Entry> tenants, long generation) {

  /** A directory without a generation (a worker pool's). */
  public TenantDirectory(String environment, List<Entry> tenants) {
    this(environment, tenants, 0);
  }

  /** File name of the directory inside the mounted volume. */
  public static final String FILE_NAME = "tenants.json";

  /** Where the runtime finds the mounted directory by default. */
  public static final String MOUNT_PATH = "/etc/stevedore/tenants";

  /**
   * One tenant.
   *
   * @param name the Tenant resource's name
   * @param namespace its namespace
   * @param queue its main queue
   * @param table its DynamoDB table
   * @param ingestRatePerSecond events per second ingest accepts from it
   * @param retentionDays how long its records live
   * @param apiKeySha256 hex SHA-256 digests of its valid API keys (never the keys themselves)
   * @param suspended whether ingest refuses its data (workers still drain its queue)
   */
  public record Entry(
      String name,
      String namespace,
      String queue,
      String table,
      int ingestRatePerSecond,
      int retentionDays,
      List<String> apiKeySha256,
      boolean suspended) {}
}
