package io.stevedore.contract;

import java.util.List;

/**
 * The tenants an ingest or worker pod serves, as the operator writes them (JSON, mounted into the
 * pods and reloaded by the runtime when it changes): one shard of a sharded directory (see {@link
 * TenantDirectoryManifest}), or the whole directory in one file as older operators wrote it.
 *
 * @param environment the Environment these tenants belong to
 * @param tenants one entry per tenant
 * @param generation grows by one with every change of the directory's content, so a pod that
 *     reports the generation it serves tells the operator which tenants it still accepts; a shard
 *     carries 0 (its manifest carries the generation)
 */
public record TenantDirectory(String environment, List<Entry> tenants, long generation) {

  /** A directory without a generation (a worker pool's). */
  public TenantDirectory(String environment, List<Entry> tenants) {
    this(environment, tenants, 0);
  }

  /** File name of a single-file directory inside the mounted volume (what pods are pointed at). */
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
   * @param workerWeight its share of a worker's capacity relative to the pool's other tenants while
   *     they all have a backlog; 0 (absent from older directories) counts as {@link
   *     #DEFAULT_WORKER_WEIGHT}
   * @param sqsQueues its queues' names on an SQS Environment, as the operator chose them (null on
   *     RabbitMQ, and in directories written before the operator chose them)
   */
  public record Entry(
      String name,
      String namespace,
      String queue,
      String table,
      int ingestRatePerSecond,
      int retentionDays,
      List<String> apiKeySha256,
      boolean suspended,
      int workerWeight,
      SqsQueueNames sqsQueues) {

    /** The weight of a tenant whose plan sets none: every tenant alike. */
    public static final int DEFAULT_WORKER_WEIGHT = 1;

    /** An entry with the default worker weight. */
    public Entry(
        String name,
        String namespace,
        String queue,
        String table,
        int ingestRatePerSecond,
        int retentionDays,
        List<String> apiKeySha256,
        boolean suspended) {
      this(
          name,
          namespace,
          queue,
          table,
          ingestRatePerSecond,
          retentionDays,
          apiKeySha256,
          suspended,
          DEFAULT_WORKER_WEIGHT);
    }

    /** An entry of a tenant on RabbitMQ. */
    public Entry(
        String name,
        String namespace,
        String queue,
        String table,
        int ingestRatePerSecond,
        int retentionDays,
        List<String> apiKeySha256,
        boolean suspended,
        int workerWeight) {
      this(
          name,
          namespace,
          queue,
          table,
          ingestRatePerSecond,
          retentionDays,
          apiKeySha256,
          suspended,
          workerWeight,
          null);
    }

    /**
     * The SQS queues ingest and workers use: those the operator chose, or, in a directory written
     * before it chose any, the names every SQS queue had then.
     */
    public SqsQueueNames sqsQueuesInUse() {
      if (sqsQueues != null) {
        return sqsQueues;
      }
      return SqsQueueNames.legacy(namespace, name)
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "tenant " + namespace + "/" + name + " has no SQS queue names"));
    }

    /** The weight the worker schedules by: at least 1. */
    public int effectiveWorkerWeight() {
      return workerWeight > 0 ? workerWeight : DEFAULT_WORKER_WEIGHT;
    }
  }
}
