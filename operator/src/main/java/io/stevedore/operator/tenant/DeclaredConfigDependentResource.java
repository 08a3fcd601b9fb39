package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.storage.TenantConfiguration;
import io.stevedore.operator.tenant.ConfigurationOutcome.Change;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules and agent configuration the Tenant declares (merged with its Environment's defaults) in
 * MySQL: written when the declaration changes, put back when the rows were edited by hand (the
 * Tenant is the source of truth), refused with nothing written when a worker would refuse them.
 * Shares `ConfigReady` with the registration and speaks for it.
 */
class DeclaredConfigDependentResource extends ServiceDependentResource<TenantConfiguration>
    implements Updater<TenantConfiguration, Tenant> {
  private final TenantConfigDependentResource registration;

  DeclaredConfigDependentResource(TenantConfigDependentResource registration) {
    super(TenantConfiguration.class);
    this.registration = registration;
  }

  @Override
  public String condition() {
    return TenantConfigDependentResource.CONDITION;
  }

  @Override
  public ReconcileResult<TenantConfiguration> reconcile(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    var declared = scope.declaredConfiguration();
    if (declared instanceof DeclaredConfiguration.Declared) {
      return super.reconcile(tenant, context);
    }
    scope.configuration(
        declared instanceof DeclaredConfiguration.Invalid invalid
            ? new ConfigurationOutcome(Change.INVALID, null, invalid.reason(), invalid.message())
            : ConfigurationOutcome.of(Change.UNDECLARED, null));
    return ReconcileResult.noOperation(null);
  }

  @Override
  protected TenantConfiguration desired(Tenant tenant, Context<Tenant> context) {
    return ((DeclaredConfiguration.Declared) TenantScope.of(context).declaredConfiguration())
        .configuration();
  }

  @Override
  protected Optional<TenantConfiguration> observe(TenantScope scope) throws Exception {
    return scope
        .platform
        .tenantConfiguration()
        .read(scope.mysql(), scope.names.namespace(), scope.names.tenant());
  }

  @Override
  public Matcher.Result<TenantConfiguration> match(
      TenantConfiguration actual, Tenant tenant, Context<Tenant> context) {
    TenantConfiguration desired = desired(tenant, context);
    boolean held = desired.heldBy(actual);
    if (held) {
      TenantScope.of(context).configuration(ConfigurationOutcome.of(Change.UNCHANGED, actual));
    }
    return Matcher.Result.computed(held, desired);
  }

  @Override
  public TenantConfiguration create(
      TenantConfiguration desired, Tenant tenant, Context<Tenant> context) {
    return write(desired, TenantScope.of(context));
  }

  @Override
  public TenantConfiguration update(
      TenantConfiguration actual,
      TenantConfiguration desired,
      Tenant tenant,
      Context<Tenant> context) {
    return write(desired, TenantScope.of(context));
  }

  private TenantConfiguration write(TenantConfiguration desired, TenantScope scope) {
    call(
        () -> {
          scope
              .platform
              .tenantConfiguration()
              .write(
                  scope.mysql(),
                  scope.names.namespace(),
                  scope.names.tenant(),
                  scope.owner(),
                  desired);
          return null;
        });
    scope.configuration(
        ConfigurationOutcome.of(
            wasApplied(scope, desired) ? Change.REPAIRED : Change.APPLIED, desired));
    return desired;
  }

  /** Whether status says MySQL held exactly this before: then a difference is a hand edit. */
  private static boolean wasApplied(TenantScope scope, TenantConfiguration desired) {
    var status = scope.tenant.getStatus();
    var applied = status == null ? null : status.getConfiguration();
    return applied != null
        && Objects.equals(applied.getRulesHash(), desired.rulesHash())
        && Objects.equals(applied.getAgentConfigETag(), desired.agentConfigETag());
  }

  @Override
  protected void remove(TenantScope scope) {
    // The registration's removal deletes every configuration row of the tenant.
  }

  @Override
  public ProvisioningCondition blocked(TenantScope scope) {
    return ProvisioningCondition.failed(
        condition(), "RegistrationPending", "waiting for the tenant's MySQL registration");
  }

  @Override
  public ProvisioningCondition reconciled(TenantScope scope) {
    var outcome = scope.configuration().orElse(ConfigurationOutcome.of(Change.UNDECLARED, null));
    return switch (outcome.change()) {
      case UNDECLARED -> registration.reconciled(scope);
      case INVALID ->
          ProvisioningCondition.failed(condition(), outcome.reason(), outcome.message());
      case UNCHANGED, APPLIED, REPAIRED ->
          ProvisioningCondition.ready(
              condition(),
              "Applied",
              "MySQL holds the configuration of generation "
                  + outcome.held().generation()
                  + describe(outcome.held()));
    };
  }

  private static String describe(TenantConfiguration held) {
    return (held.rules() == null ? "" : ": " + held.rules().size() + " rules")
        + (held.agentConfig() == null ? "" : ", agent configuration " + held.agentConfigETag());
  }
}
