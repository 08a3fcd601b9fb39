package io.stevedore.operator.tenant;

import java.time.Duration;

/**
 * One of a tenant's provisioning conditions (`QueuesReady`, `TableReady`, ...) as its dependents
 * left it: done, on its way, or failed, with the reason and message people see.
 *
 * @param type the condition type, e.g. `QueuesReady`
 * @param state done, on its way, or failed
 * @param reason the condition's reason (CamelCase)
 * @param message the condition's message, for people
 * @param recheck when to look again while on its way; null when done or failed
 */
record ProvisioningCondition(
    String type, State state, String reason, String message, Duration recheck) {

  /** How far the dependents behind a condition got. */
  enum State {
    READY,
    PENDING,
    FAILED
  }

  static ProvisioningCondition ready(String type, String reason, String message) {
    return new ProvisioningCondition(type, State.READY, reason, message, null);
  }

  static ProvisioningCondition pending(
      String type, String reason, String message, Duration recheck) {
    return new ProvisioningCondition(type, State.PENDING, reason, message, recheck);
  }

  static ProvisioningCondition failed(String type, String reason, String message) {
    return new ProvisioningCondition(type, State.FAILED, reason, message, null);
  }

  static ProvisioningCondition failed(String type, Exception e) {
    return failed(type, StepFailures.reason(e), StepFailures.message(e));
  }

  boolean ready() {
    return state == State.READY;
  }
}
