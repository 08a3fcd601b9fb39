package io.stevedore.operator.tenant;

import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.ArrayList;
import java.util.List;

/** What the CRD schema cannot check about a Tenant. */
final class TenantValidation {
  private static final String LABEL_VALUE = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

  private TenantValidation() {}

  static List<String> problems(Tenant tenant) {
    List<String> problems = new ArrayList<>();
    if (!tenant.getMetadata().getName().matches(LABEL_VALUE)) {
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
}
