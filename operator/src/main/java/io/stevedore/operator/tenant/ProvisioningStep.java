package io.stevedore.operator.tenant;

/**
 * One thing a tenant needs (its queues, its table, ...), with a condition of its own. Steps are
 * idempotent: each observes what exists, creates only what is missing, and reports.
 */
interface ProvisioningStep {

  /** The condition type this step reports, e.g. `QueuesReady`. */
  String condition();

  /** Makes sure what this step provides exists; never throws, a failure is an outcome. */
  StepOutcome ensure(TenantWork work);

  /** Removes what this step provided, when the tenant is offboarded; idempotent. */
  void remove(TenantWork work) throws Exception;
}
