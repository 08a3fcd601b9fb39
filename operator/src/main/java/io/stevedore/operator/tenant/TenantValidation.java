package io.stevedore.operator.tenant;

import io.stevedore.operator.api.v1alpha1.Dns1123;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.ArrayList;
import java.util.List;

/** What the CRD schema cannot check about a Tenant. */
final class TenantValidation {
  private TenantValidation() {}

  static List<String> problems(Tenant tenant) {
    List<String> problems = new ArrayList<>();
    if (!hasValidName(tenant)) {
      problems.add(
          "metadata.name: must be a DNS-1123 label (lower case, digits, '-', at most 63), since it"
              + " names the tenant's queue, table and labels");
    }
    var spec = tenant.getSpec();
    if (spec == null || spec.getEnvironment() == null || spec.getWorkerPool() == null) {
      problems.add("spec.environment and spec.workerPool: required");
    }
    return problems;
  }

  /** Whether the name can name queues, tables and labels; nothing is ever made under another. */
  static boolean hasValidName(Tenant tenant) {
    return tenant.getMetadata().getName().matches(Dns1123.LABEL);
  }
}
