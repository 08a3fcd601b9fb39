package io.stevedore.operator.api.v1alpha1;

/**
 * The configuration (rules and agent configuration) that MySQL holds for the tenant, as the
 * operator last wrote or verified it; workers and agents pick it up from there.
 */
public class ConfigurationStatus {

  /** The Tenant generation whose configuration MySQL holds (it changes only when that does). */
  private Long generation;

  /** SHA-256 of the tenant's effective rules; workers reload a tenant's rules when it changes. */
  private String rulesHash;

  /** The ETag agents get with the tenant's agent configuration (If-None-Match → 304). */
  private String agentConfigETag;

  public Long getGeneration() {
    return generation;
  }

  public void setGeneration(Long generation) {
    this.generation = generation;
  }

  public String getRulesHash() {
    return rulesHash;
  }

  public void setRulesHash(String rulesHash) {
    this.rulesHash = rulesHash;
  }

  public String getAgentConfigETag() {
    return agentConfigETag;
  }

  public void setAgentConfigETag(String agentConfigETag) {
    this.agentConfigETag = agentConfigETag;
  }
}
