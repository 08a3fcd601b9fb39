package io.stevedore.operator.tenant;

import io.stevedore.operator.platform.CredentialsNotFoundException;
import io.stevedore.operator.storage.TenantConfigStore;
import java.sql.SQLException;
import java.util.List;

/**
 * The tenant's configuration rows in MySQL: its registration and default processing rules, written
 * once and never over rules a person edited; `ConfigReady`.
 */
final class TenantConfigStep implements ProvisioningStep {
  static final String CONDITION = "ConfigReady";

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  public StepOutcome ensure(TenantWork work) {
    try {
      var outcome =
          work.platform
              .tenantConfig()
              .ensure(work.mysql(), work.names.namespace(), work.names.tenant());
      return switch (outcome) {
        case CREATED ->
            StepOutcome.ready(
                    CONDITION,
                    "Written",
                    "registered in MySQL with the default rules " + TenantConfigStore.DEFAULT_RULES)
                .withCreated(List.of("MySQL configuration (registration and default rules)"));
        case REGISTERED_KEEPING_RULES ->
            StepOutcome.ready(
                    CONDITION, "Registered", "registered in MySQL, keeping the rules it had")
                .withCreated(List.of("MySQL registration"));
        case PRESENT ->
            StepOutcome.ready(
                CONDITION, "Registered", "registered in MySQL; its rules are people's to edit");
      };
    } catch (SQLException | CredentialsNotFoundException e) {
      return StepFailures.outcome(CONDITION, e);
    }
  }

  @Override
  public void remove(TenantWork work) throws Exception {
    work.platform.tenantConfig().remove(work.mysql(), work.names.namespace(), work.names.tenant());
  }
}
