package io.stevedore.operator.api.v1alpha1;

/** What the operator provisioned for a Tenant. */
public class TenantStatus extends StevedoreStatus {

  /** The tenant's queue on the environment's broker. */
  private String queue;

  /** Where messages go that failed processing too often. */
  private String deadLetterQueue;

  /**
   * On SQS: the tenant's main queue there, chosen when it was first provisioned and kept
   * (`tenant_<ns>_<name>`, or `tenant-<ns>-<name>` for tenants provisioned before that scheme).
   */
  private String sqsQueue;

  /** On SQS: the tenant's dead-letter queue there, chosen with `sqsQueue`. */
  private String sqsDeadLetterQueue;

  /** The tenant's DynamoDB table. */
  private String table;

  /**
   * The Secret holding the tenant's API key and broker credentials (never shown here themselves).
   */
  private String secretName;

  /** The tenant's broker user now in use (RabbitMQ with a management API only). */
  private String brokerUser;

  /** The tenant's own namespace, where its Environment isolates tenants. */
  private String isolationNamespace;

  /**
   * Whether the tenant's queues have been created; from then on ingest and workers serve the tenant
   * (a later broker outage does not take it out of their directories).
   */
  private Boolean queuesProvisioned;

  /**
   * Where the offboarding of a deleted Tenant stands: `Draining` (ingest refuses new data, workers
   * empty the queues), `Released` (queues empty; workers let go of them), `Removing` (deleting what
   * it had).
   */
  private String offboarding;

  /**
   * During offboarding: the first generation of ingest's tenant directory seen without this tenant;
   * its queues are deleted only once every ingest pod reports serving this generation or a later
   * one.
   */
  private Long ingestDirectoryGenerationWithoutTenant;

  /** The last credential rotation and its overlap window. */
  private CredentialsStatus credentials;

  /** The last dead-letter redrive (annotation `stevedore.io/redrive-dead-letters`). */
  private RedriveStatus redrive;

  /** The rules and agent configuration MySQL holds for the tenant (when either is declared). */
  private ConfigurationStatus configuration;

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public String getSqsQueue() {
    return sqsQueue;
  }

  public void setSqsQueue(String sqsQueue) {
    this.sqsQueue = sqsQueue;
  }

  public String getSqsDeadLetterQueue() {
    return sqsDeadLetterQueue;
  }

  public void setSqsDeadLetterQueue(String sqsDeadLetterQueue) {
    this.sqsDeadLetterQueue = sqsDeadLetterQueue;
  }

  public String getDeadLetterQueue() {
    return deadLetterQueue;
  }

  public void setDeadLetterQueue(String deadLetterQueue) {
    this.deadLetterQueue = deadLetterQueue;
  }

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public String getBrokerUser() {
    return brokerUser;
  }

  public void setBrokerUser(String brokerUser) {
    this.brokerUser = brokerUser;
  }

  public String getIsolationNamespace() {
    return isolationNamespace;
  }

  public void setIsolationNamespace(String isolationNamespace) {
    this.isolationNamespace = isolationNamespace;
  }

  public Boolean getQueuesProvisioned() {
    return queuesProvisioned;
  }

  public void setQueuesProvisioned(Boolean queuesProvisioned) {
    this.queuesProvisioned = queuesProvisioned;
  }

  public String getOffboarding() {
    return offboarding;
  }

  public void setOffboarding(String offboarding) {
    this.offboarding = offboarding;
  }

  public Long getIngestDirectoryGenerationWithoutTenant() {
    return ingestDirectoryGenerationWithoutTenant;
  }

  public void setIngestDirectoryGenerationWithoutTenant(Long generation) {
    this.ingestDirectoryGenerationWithoutTenant = generation;
  }

  public CredentialsStatus getCredentials() {
    return credentials;
  }

  public void setCredentials(CredentialsStatus credentials) {
    this.credentials = credentials;
  }

  public RedriveStatus getRedrive() {
    return redrive;
  }

  public void setRedrive(RedriveStatus redrive) {
    this.redrive = redrive;
  }

  public ConfigurationStatus getConfiguration() {
    return configuration;
  }

  public void setConfiguration(ConfigurationStatus configuration) {
    this.configuration = configuration;
  }
}
