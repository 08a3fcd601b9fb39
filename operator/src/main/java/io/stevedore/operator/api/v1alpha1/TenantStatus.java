package io.stevedore.operator.api.v1alpha1;

/** What the operator provisioned for a Tenant. */
public class TenantStatus extends StevedoreStatus {

  /** The tenant's queue on the environment's broker. */
  private String queue;

  /** Where messages go that failed processing too often. */
  private String deadLetterQueue;

  /** The Secret holding the tenant's ingest API key (the key itself is never shown here). */
  private String secretName;

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public String getDeadLetterQueue() {
    return deadLetterQueue;
  }

  public void setDeadLetterQueue(String deadLetterQueue) {
    this.deadLetterQueue = deadLetterQueue;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }
}
