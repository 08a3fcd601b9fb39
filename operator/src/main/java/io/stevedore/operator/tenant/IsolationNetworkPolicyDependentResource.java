package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Tenant;

/** The tenant namespace's default-deny NetworkPolicy. */
class IsolationNetworkPolicyDependentResource extends IsolationDependentResource<NetworkPolicy> {
  IsolationNetworkPolicyDependentResource() {
    super(NetworkPolicy.class, TenantIsolation.NETWORK_POLICY_COMPONENT);
  }

  @Override
  protected String objectName(TenantScope scope) {
    return TenantIsolation.NETWORK_POLICY;
  }

  @Override
  protected NetworkPolicy desired(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    return TenantIsolation.networkPolicy(tenant, scope.environment, scope.names);
  }
}
