package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.Map;

/** The copy of the tenant's credentials in its own namespace; needs the Secret it copies. */
class IsolationSecretDependentResource extends IsolationDependentResource<Secret> {
  IsolationSecretDependentResource() {
    super(Secret.class, TenantIsolation.SECRET_COMPONENT);
  }

  @Override
  protected String objectName(TenantScope scope) {
    return scope.names.secret();
  }

  @Override
  protected Secret desired(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    var credentials = scope.credentials().orElseThrow();
    return TenantIsolation.secretCopy(tenant, scope.names, credentials.data(Map.of()));
  }

  @Override
  public ProvisioningCondition blocked(TenantScope scope) {
    return ProvisioningCondition.failed(
        CONDITION,
        "SecretNotReady",
        "waiting for the Secret to copy into " + scope.names.isolationNamespace());
  }
}
