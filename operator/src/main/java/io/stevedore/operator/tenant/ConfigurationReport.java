package io.stevedore.operator.tenant;

import io.stevedore.operator.api.v1alpha1.ConfigurationStatus;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.status.EventRecorder;
import io.stevedore.operator.storage.TenantConfiguration;

/** The declared configuration's part of a Tenant's status, and its Events. */
final class ConfigurationReport {
  /** Reason of the Warning Event when rows edited by hand were put back. */
  static final String REPAIRED = "ConfigurationRepaired";

  /** Reason of the Normal Event when a changed declaration was written. */
  static final String APPLIED = "ConfigurationApplied";

  private ConfigurationReport() {}

  /** Sets `status.configuration` to what MySQL holds; a refused declaration leaves it as it was. */
  static void describe(TenantStatus status, TenantScope scope) {
    scope
        .configuration()
        .ifPresent(
            outcome -> {
              switch (outcome.change()) {
                case UNDECLARED -> status.setConfiguration(null);
                case INVALID -> {}
                default -> status.setConfiguration(status(outcome.held()));
              }
            });
  }

  static void announce(EventRecorder events, TenantScope scope) {
    scope
        .configuration()
        .ifPresent(
            outcome -> {
              TenantConfiguration held = outcome.held();
              switch (outcome.change()) {
                case REPAIRED ->
                    events.warning(
                        scope.tenant,
                        REPAIRED,
                        "MySQL rows of the tenant's rules or agent configuration were changed out"
                            + " of band; put back the configuration of generation "
                            + held.generation());
                case APPLIED ->
                    events.normal(
                        scope.tenant,
                        APPLIED,
                        "MySQL holds the configuration of generation "
                            + held.generation()
                            + (held.rulesHash() == null
                                ? ""
                                : "; rules hash " + held.rulesHash().substring(0, 12))
                            + (held.agentConfigETag() == null
                                ? ""
                                : "; agent configuration ETag " + held.agentConfigETag()));
                default -> {}
              }
            });
  }

  private static ConfigurationStatus status(TenantConfiguration held) {
    var status = new ConfigurationStatus();
    status.setGeneration(held.generation());
    status.setRulesHash(held.rulesHash());
    status.setAgentConfigETag(held.agentConfigETag());
    return status;
  }
}
