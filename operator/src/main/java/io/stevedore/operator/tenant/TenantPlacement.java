package io.stevedore.operator.tenant;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.LabelSelectors;
import io.stevedore.operator.status.ReadyState;
import java.util.Optional;

/** Whether a Tenant's Environment and WorkerPool exist and fit together; empty when they do. */
final class TenantPlacement {
  private TenantPlacement() {}

  static Optional<ReadyState> check(
      Tenant tenant, Optional<Environment> environment, Optional<WorkerPool> pool) {
    var spec = tenant.getSpec();
    String namespace = tenant.getMetadata().getNamespace();
    if (environment.isEmpty()) {
      return Optional.of(
          ReadyState.failed(
              "EnvironmentNotFound",
              "Environment '"
                  + spec.getEnvironment()
                  + "' does not exist in namespace '"
                  + namespace
                  + "'; the tenant is provisioned as soon as it does"));
    }
    if (pool.isEmpty()) {
      return Optional.of(
          ReadyState.failed(
              "WorkerPoolNotFound",
              "WorkerPool '"
                  + spec.getWorkerPool()
                  + "' does not exist in namespace '"
                  + namespace
                  + "'; the tenant is provisioned as soon as it does"));
    }
    var poolSpec = pool.get().getSpec();
    if (!spec.getEnvironment().equals(poolSpec.getEnvironment())) {
      return Optional.of(
          ReadyState.failed(
              "WorkerPoolMismatch",
              "WorkerPool '"
                  + spec.getWorkerPool()
                  + "' serves Environment '"
                  + poolSpec.getEnvironment()
                  + "', not '"
                  + spec.getEnvironment()
                  + "'"));
    }
    if (!LabelSelectors.matches(poolSpec.getTenantSelector(), tenant.getMetadata().getLabels())) {
      return Optional.of(
          ReadyState.failed(
              "WorkerPoolMismatch",
              "WorkerPool '"
                  + spec.getWorkerPool()
                  + "' does not select this tenant: its tenantSelector does not match the"
                  + " tenant's labels "
                  + tenant.getMetadata().getLabels()));
    }
    return Optional.empty();
  }
}
