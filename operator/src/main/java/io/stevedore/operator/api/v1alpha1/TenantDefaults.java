package io.stevedore.operator.api.v1alpha1;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * Configuration every Tenant of the Environment inherits: its rules come before the tenant's own (a
 * tenant rule of the same name replaces one), and the tenant's agentConfig is applied over these as
 * a JSON merge patch (RFC 7386: a key set to null removes a default).
 */
public class TenantDefaults {

  /** Processing rules every tenant starts with (see Tenant `spec.rules`). */
  @Size(max = 200)
  private List<TenantRule> rules;

  /** Agent configuration every tenant's agents get unless the tenant overrides a key. */
  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> agentConfig;

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
