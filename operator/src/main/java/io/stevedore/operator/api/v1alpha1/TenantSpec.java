package io.stevedore.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

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

  /**
   * Processing rules workers apply to every event before storing it, in order (the rule language of
   * platform-runtime/RULES.md): after the Environment's `tenantDefaults.rules`, a rule here
   * replacing the default of the same name. Written to MySQL by the operator, which puts back rows
   * edited by hand; a rule a worker would refuse makes the Tenant `Ready=False` (`InvalidRules`)
   * and nothing is written. Unset here and in the Environment: MySQL keeps rules people edit.
   */
  @Size(max = 200)
  private List<TenantRule> rules;

  /**
   * Configuration the tenant's device agents pull (`GET /v1/agents/{deviceId}/config`, with an
   * ETag): any JSON object, applied as a JSON merge patch over the Environment's
   * `tenantDefaults.agentConfig`; at most 16 KiB serialized (else `InvalidAgentConfig`).
   */
  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> agentConfig;

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

  public List<TenantRule> getRules() {
    return rules;
  }

  public void setRules(List<TenantRule> rules) {
    this.rules = rules;
  }

  public Map<String, Object> getAgentConfig() {
    return agentConfig;
  }

  public void setAgentConfig(Map<String, Object> agentConfig) {
    this.agentConfig = agentConfig;
  }
}
