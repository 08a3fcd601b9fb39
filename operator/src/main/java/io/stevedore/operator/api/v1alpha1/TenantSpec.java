package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** What a Tenant should have. */
public class TenantSpec {

  /** Name of the Environment (same namespace) the tenant belongs to. */
  @Required
  @Pattern(Dns1123.LABEL)
  private String environment;

  /**
   * Name of the WorkerPool (same namespace) that processes the tenant's queue; its tenantSelector
   * must select this tenant.
   */
  @Required
  @Pattern(Dns1123.LABEL)
  private String workerPool;

  /** The tenant's plan: what it may send and how many workers it may use. */
  private Plan plan = new Plan();

  /** Days that processed records are kept before they expire. */
  @Default("30")
  @Min(1)
  @Max(3650)
  private Integer retentionDays = 30;

  /**
   * What happens to the tenant's queues, table and configuration when the Tenant is deleted:
   * `Retain` (default) keeps them and revokes only its access; `Delete` removes them once its
   * queues have drained (a non-empty queue only with the annotation
   * `stevedore.io/delete-non-empty-queues: "true"`).
   */
  @Default("Retain")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  /**
   * Suspends the tenant: ingest answers 403 for its API keys, while workers keep processing the
   * backlog already queued. Nothing is deleted.
   */
  @Default("false")
  private Boolean suspended = false;

  /** How the tenant's API key and broker password are rotated. */
  private CredentialsSpec credentials = new CredentialsSpec();

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public String getWorkerPool() {
    return workerPool;
  }

  public void setWorkerPool(String workerPool) {
    this.workerPool = workerPool;
  }

  public Plan getPlan() {
    return plan;
  }

  public void setPlan(Plan plan) {
    this.plan = plan;
  }

  public Integer getRetentionDays() {
    return retentionDays;
  }

  public void setRetentionDays(Integer retentionDays) {
    this.retentionDays = retentionDays;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public Boolean getSuspended() {
    return suspended;
  }

  public void setSuspended(Boolean suspended) {
    this.suspended = suspended;
  }

  public CredentialsSpec getCredentials() {
    return credentials;
  }

  public void setCredentials(CredentialsSpec credentials) {
    this.credentials = credentials;
  }
}
