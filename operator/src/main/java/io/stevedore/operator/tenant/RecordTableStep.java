package io.stevedore.operator.tenant;

import io.stevedore.operator.storage.RecordTables;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/** The tenant's DynamoDB table, on demand, with TTL for its retention; `TableReady`. */
final class RecordTableStep implements ProvisioningStep {
  static final String CONDITION = "TableReady";
  private static final Duration RECHECK = Duration.ofSeconds(1);

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  public StepOutcome ensure(TenantWork work) {
    String table = work.names.table();
    try {
      var ensured = RecordTables.ensure(work.dynamo(), table, !work.wasReady(CONDITION));
      List<String> created = ensured.created() ? List.of("DynamoDB table " + table) : List.of();
      StepOutcome outcome =
          switch (ensured.state()) {
            case ACTIVE ->
                StepOutcome.ready(
                    CONDITION,
                    "Active",
                    "table "
                        + table
                        + " is ACTIVE; records expire "
                        + work.tenant.getSpec().getRetentionDays()
                        + " days after they arrive (TTL)");
            case CREATING ->
                StepOutcome.pending(
                    CONDITION, "Creating", "table " + table + " is being created", RECHECK);
            case DELETING ->
                StepOutcome.pending(
                    CONDITION,
                    "Deleting",
                    "table " + table + " is being deleted; it is created again once it is gone",
                    RECHECK.multipliedBy(2));
          };
      return outcome.withCreated(created);
    } catch (SdkException e) {
      return StepFailures.outcome(CONDITION, e);
    }
  }

  @Override
  public void remove(TenantWork work) {
    RecordTables.delete(work.dynamo(), work.names.table());
  }
}
