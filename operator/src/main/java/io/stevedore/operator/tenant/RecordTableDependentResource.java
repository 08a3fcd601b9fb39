package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.storage.RecordTables;
import io.stevedore.operator.storage.RecordTables.Observed;
import io.stevedore.operator.storage.RecordTables.State;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's DynamoDB table, on demand, with TTL for its retention; `TableReady`, which waits
 * (without blocking) while the table is being created.
 */
class RecordTableDependentResource extends ServiceDependentResource<Observed>
    implements Updater<Observed, Tenant> {
  static final String CONDITION = "TableReady";
  private static final Duration RECHECK = Duration.ofSeconds(1);

  RecordTableDependentResource() {
    super(Observed.class);
  }

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  protected Observed desired(Tenant tenant, Context<Tenant> context) {
    return new Observed(State.ACTIVE, true);
  }

  @Override
  protected Optional<Observed> observe(TenantScope scope) {
    return scope.wasReady(CONDITION)
        ? RecordTables.observe(scope.dynamo(), scope.names.table())
        : Optional.empty();
  }

  @Override
  public Matcher.Result<Observed> match(Observed actual, Tenant tenant, Context<Tenant> context) {
    return Matcher.Result.nonComputed(actual.state() == State.ACTIVE && actual.ttlEnabled());
  }

  @Override
  public Observed create(Observed desired, Tenant tenant, Context<Tenant> context) {
    return ensure(TenantScope.of(context), true);
  }

  @Override
  public Observed update(Observed actual, Observed desired, Tenant tenant, Context<Tenant> ctx) {
    return ensure(TenantScope.of(ctx), false);
  }

  private static Observed ensure(TenantScope scope, boolean probablyMissing) {
    String table = scope.names.table();
    var ensured =
        RecordTables.ensure(scope.dynamo(), table, probablyMissing, scope.owner(), created(scope));
    if (ensured.created()) {
      scope.created(CONDITION, List.of("DynamoDB table " + table));
    }
    return new Observed(ensured.state(), ensured.state() == State.ACTIVE);
  }

  /** When the Tenant was created: a table made since then without an owner item is its own. */
  private static java.time.Instant created(TenantScope scope) {
    String created = scope.tenant.getMetadata().getCreationTimestamp();
    return created == null ? null : java.time.Instant.parse(created);
  }

  @Override
  protected void remove(TenantScope scope) {
    if (!RecordTables.delete(scope.dynamo(), scope.names.table(), scope.owner(), created(scope))) {
      scope.keptForeign("DynamoDB table " + scope.names.table());
    }
  }

  @Override
  public ProvisioningCondition reconciled(TenantScope scope) {
    String table = scope.names.table();
    State state = state(scope).map(Observed::state).orElse(State.ACTIVE);
    return switch (state) {
      case ACTIVE ->
          ProvisioningCondition.ready(
              CONDITION,
              "Active",
              "table "
                  + table
                  + " is ACTIVE; records expire "
                  + scope.tenant.getSpec().getRetentionDays()
                  + " days after they arrive (TTL)");
      case CREATING ->
          ProvisioningCondition.pending(
              CONDITION, "Creating", "table " + table + " is being created", RECHECK);
      case DELETING ->
          ProvisioningCondition.pending(
              CONDITION,
              "Deleting",
              "table " + table + " is being deleted; it is created again once it is gone",
              RECHECK.multipliedBy(2));
    };
  }
}
