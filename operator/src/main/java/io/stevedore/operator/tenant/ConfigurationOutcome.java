package io.stevedore.operator.tenant;

import io.stevedore.operator.storage.TenantConfiguration;

/**
 * What one reconciliation did with the Tenant's declared configuration.
 *
 * @param change what happened
 * @param held the configuration MySQL holds now; null unless declared and valid
 * @param reason why it was refused (INVALID only)
 * @param message the problem, naming the rule or field (INVALID only)
 */
record ConfigurationOutcome(
    Change change, TenantConfiguration held, String reason, String message) {

  /** What happened to the declared configuration. */
  enum Change {
    /** Nothing is declared: MySQL's rules are people's to edit. */
    UNDECLARED,
    /** Refused: nothing was written. */
    INVALID,
    /** MySQL already held it. */
    UNCHANGED,
    /** Written because the declaration changed (or for the first time). */
    APPLIED,
    /** Written back over rows edited by hand. */
    REPAIRED
  }

  static ConfigurationOutcome of(Change change, TenantConfiguration held) {
    return new ConfigurationOutcome(change, held, null, null);
  }
}
