package io.stevedore.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-tenant isolation: each Tenant of the Environment gets a namespace `<namespace>-<tenant>` for
 * its own workloads, with a copy of its credentials, a ResourceQuota and a default-deny
 * NetworkPolicy.
 */
public class TenantIsolationSpec {

  /**
   * ResourceQuota `hard` limits of every tenant namespace, e.g. `{pods: "10", requests.cpu: "4"}`;
   * a tenant's `plan.quota` overrides them key by key.
   */
  private Map<String, Quantity> quota = new LinkedHashMap<>();

  public Map<String, Quantity> getQuota() {
    return quota;
  }

  public void setQuota(Map<String, Quantity> quota) {
    this.quota = quota;
  }
}
