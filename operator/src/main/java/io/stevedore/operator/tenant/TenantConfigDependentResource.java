package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.storage.TenantConfigStore;
import io.stevedore.operator.storage.TenantConfigStore.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's registration in MySQL and, unless the Tenant or its Environment declares rules (see
 * {@link DeclaredConfigDependentResource}), its default processing rules, written once and never
 * over rules a person edited (no Updater); `ConfigReady`.
 */
class TenantConfigDependentResource extends ServiceDependentResource<Outcome> {
  static final String CONDITION = "ConfigReady";

  TenantConfigDependentResource() {
    super(Outcome.class);
  }

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  protected Outcome desired(Tenant tenant, Context<Tenant> context) {
    return Outcome.PRESENT;
  }

  @Override
  protected Optional<Outcome> observe(TenantScope scope) throws Exception {
    return scope.wasReady(CONDITION)
            && scope.configs().exists(scope.mysql(), scope.names.namespace(), scope.names.tenant())
        ? Optional.of(Outcome.PRESENT)
        : Optional.empty();
  }

  @Override
  public Matcher.Result<Outcome> match(Outcome actual, Tenant tenant, Context<Tenant> context) {
    return Matcher.Result.nonComputed(true);
  }

  @Override
  public Outcome create(Outcome desired, Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    Outcome outcome =
        call(
            () ->
                scope
                    .configs()
                    .ensure(
                        scope.mysql(),
                        scope.names.namespace(),
                        scope.names.tenant(),
                        scope.owner(),
                        !DeclaredConfiguration.declaresRules(scope.environment, tenant)));
    switch (outcome) {
      case CREATED ->
          scope.created(CONDITION, List.of("MySQL configuration (registration and default rules)"));
      case REGISTERED_KEEPING_RULES -> scope.created(CONDITION, List.of("MySQL registration"));
      case PRESENT -> {}
    }
    return outcome;
  }

  @Override
  protected void remove(TenantScope scope) throws Exception {
    if (!scope
        .configs()
        .remove(scope.mysql(), scope.names.namespace(), scope.names.tenant(), scope.owner())) {
      scope.keptForeign("MySQL configuration of " + scope.names.tenant());
    }
  }

  @Override
  public ProvisioningCondition reconciled(TenantScope scope) {
    return switch (state(scope).orElse(Outcome.PRESENT)) {
      case CREATED ->
          ProvisioningCondition.ready(
              CONDITION,
              "Written",
              "registered in MySQL with the default rules " + TenantConfigStore.DEFAULT_RULES);
      case REGISTERED_KEEPING_RULES ->
          ProvisioningCondition.ready(
              CONDITION, "Registered", "registered in MySQL, keeping the rules it had");
      // A drift check that finds the rows keeps the condition as written: no status write.
      case PRESENT ->
          previous(scope)
              .orElse(
                  ProvisioningCondition.ready(
                      CONDITION,
                      "Registered",
                      "registered in MySQL; its rules are people's to edit"));
    };
  }

  /** The condition as this dependent last wrote it, while it held. */
  private static Optional<ProvisioningCondition> previous(TenantScope scope) {
    if (!scope.wasReady(CONDITION)) {
      return Optional.empty();
    }
    return Conditions.find(scope.tenant.getStatus().getConditions(), CONDITION)
        .filter(c -> "Written".equals(c.getReason()) || "Registered".equals(c.getReason()))
        .map(c -> ProvisioningCondition.ready(CONDITION, c.getReason(), c.getMessage()));
  }
}
