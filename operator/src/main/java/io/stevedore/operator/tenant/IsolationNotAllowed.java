package io.stevedore.operator.tenant;

import java.util.Optional;

/**
 * `IsolationReady` where this operator may not make tenant namespaces (the chart's watchNamespaces,
 * or tenantIsolation.enabled=false, leave it no cluster-wide rights): an Environment that asks for
 * isolation gets a failed condition instead of tenants that silently share its namespace.
 */
final class IsolationNotAllowed implements TenantDependent {
  @Override
  public String condition() {
    return IsolationDependentResource.CONDITION;
  }

  @Override
  public Optional<ProvisioningCondition> without(TenantScope scope) {
    if (!TenantIsolation.enabled(scope.environment)) {
      return Optional.of(
          ProvisioningCondition.ready(
              condition(), "NotConfigured", "the Environment does not isolate tenants"));
    }
    return Optional.of(
        ProvisioningCondition.failed(
            condition(),
            "IsolationNotAllowed",
            "the Environment sets tenantIsolation, but this operator may not create namespaces"
                + " (installed with watchNamespaces or tenantIsolation.enabled=false): remove"
                + " tenantIsolation, or install the operator cluster-wide"));
  }

  @Override
  public ProvisioningCondition reconciled(TenantScope scope) {
    return without(scope).orElseThrow();
  }
}
