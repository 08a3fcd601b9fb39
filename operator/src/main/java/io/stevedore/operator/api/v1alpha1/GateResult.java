package io.stevedore.operator.api.v1alpha1;

/** A gate's verdict. */
public enum GateResult {
  /** The gate holds. */
  Passed,
  /** The gate does not hold: the measured value is outside its bound. */
  Blocked,
  /** The gate could not be judged (no measurement yet, or a service did not answer). */
  Unknown
}
