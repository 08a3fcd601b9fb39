package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.Optional;

/** A dependent resource of a Tenant, and the provisioning condition it reports under. */
interface TenantDependent {

  /** The condition type, e.g. `QueuesReady`; several dependents may share one. */
  String condition();

  /** The condition once this dependent is reconciled: Ready, or (a table being made) on its way. */
  ProvisioningCondition reconciled(TenantScope scope);

  /** The condition when the tenant has no such child (its reconcile precondition fails). */
  default Optional<ProvisioningCondition> without(TenantScope scope) {
    return Optional.empty();
  }

  /** The condition while a dependent this one needs (the Secret) is not there. */
  default ProvisioningCondition blocked(TenantScope scope) {
    return ProvisioningCondition.failed(condition(), "SecretNotReady", "waiting for the Secret");
  }

  /** Reconcile precondition: the tenant has this child. */
  final class Wanted implements Condition<Object, Tenant> {
    @Override
    public boolean isMet(
        DependentResource<Object, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
      return ((TenantDependent) dependent).without(TenantScope.of(context)).isEmpty();
    }
  }

  /** Ready postcondition: the dependent's condition is Ready (a table is ACTIVE, not CREATING). */
  final class ConditionReady implements Condition<Object, Tenant> {
    @Override
    public boolean isMet(
        DependentResource<Object, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
      return ((TenantDependent) dependent).reconciled(TenantScope.of(context)).ready();
    }
  }
}
