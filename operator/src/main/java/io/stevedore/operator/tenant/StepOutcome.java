package io.stevedore.operator.tenant;

import java.time.Duration;
import java.util.List;

/**
 * What one provisioning step found and did: the condition it reports, whether it is done, and what
 * it had to re-create (drift, announced in a Warning Event).
 *
 * @param condition the condition type, e.g. `QueuesReady`
 * @param state done, on its way, or failed
 * @param reason the condition's reason (CamelCase)
 * @param message the condition's message, for people
 * @param created what the step created now (drift when the step had been ready before)
 * @param recheck when to look again while on its way; null when done or failed
 */
public record StepOutcome(
    String condition,
    State state,
    String reason,
    String message,
    List<String> created,
    Duration recheck) {

  /** How far a step got. */
  public enum State {
    READY,
    PENDING,
    FAILED
  }

  public static StepOutcome ready(String condition, String reason, String message) {
    return new StepOutcome(condition, State.READY, reason, message, List.of(), null);
  }

  public static StepOutcome pending(
      String condition, String reason, String message, Duration recheck) {
    return new StepOutcome(condition, State.PENDING, reason, message, List.of(), recheck);
  }

  public static StepOutcome failed(String condition, String reason, String message) {
    return new StepOutcome(condition, State.FAILED, reason, message, List.of(), null);
  }

  public StepOutcome withCreated(List<String> created) {
    return new StepOutcome(condition, state, reason, message, List.copyOf(created), recheck);
  }

  public boolean ready() {
    return state == State.READY;
  }
}
