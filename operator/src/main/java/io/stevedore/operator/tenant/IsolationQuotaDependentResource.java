package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.Optional;

/** The tenant namespace's ResourceQuota, where the Environment or the plan limits something. */
class IsolationQuotaDependentResource extends IsolationDependentResource<ResourceQuota> {
  IsolationQuotaDependentResource() {
    super(ResourceQuota.class, TenantIsolation.QUOTA_COMPONENT);
  }

  @Override
  protected String objectName(TenantScope scope) {
    return TenantIsolation.QUOTA;
  }

  @Override
  protected ResourceQuota desired(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    return TenantIsolation.quotaObject(tenant, scope.environment, scope.names).orElseThrow();
  }

  @Override
  public Optional<ProvisioningCondition> without(TenantScope scope) {
    var isolation = super.without(scope);
    if (isolation.isPresent()
        || !TenantIsolation.quota(scope.tenant, scope.environment).isEmpty()) {
      return isolation;
    }
    return Optional.of(
        ProvisioningCondition.ready(CONDITION, "NoQuota", "neither Environment nor plan limits"));
  }
}
