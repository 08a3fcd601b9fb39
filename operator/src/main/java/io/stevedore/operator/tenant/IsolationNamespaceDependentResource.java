package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.Objects;

/** The tenant's own namespace, labelled with the Tenant it belongs to. */
class IsolationNamespaceDependentResource extends IsolationDependentResource<Namespace> {
  IsolationNamespaceDependentResource() {
    super(Namespace.class, TenantIsolation.NAMESPACE_COMPONENT);
  }

  @Override
  protected String objectName(TenantScope scope) {
    return scope.names.isolationNamespace();
  }

  @Override
  protected Namespace desired(Tenant tenant, Context<Tenant> context) {
    return TenantIsolation.namespace(tenant, TenantScope.of(context).names);
  }

  @Override
  public Matcher.Result<Namespace> match(Namespace actual, Tenant tenant, Context<Tenant> context) {
    // Only the labels are the operator's: the API server fills in the rest.
    Namespace desired = getOrComputeDesired(context);
    var labels = Objects.requireNonNullElse(actual.getMetadata().getLabels(), java.util.Map.of());
    return Matcher.Result.computed(
        labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet()), desired);
  }
}
