package io.stevedore.operator.api.v1alpha1;

/** One gate as the operator last judged it: what it measured against which bound. */
public class GateStatus {

  /**
   * The gate: `SourceRelease`, `SoakTime`, `EnvironmentReady`, `BacklogAge`, `DeadLetterRate`,
   * `IngestErrorRatio` or `Approval`.
   */
  private String name;

  /** Environment the gate measured (the source before the rollout, the target while verifying). */
  private String environment;

  /** `Passed`, `Blocked` or `Unknown`. */
  private GateResult result;

  /**
   * Why, in one word: `Passed`, a blocked gate's reason (e.g. `DeadLetterRateTooHigh`), or for an
   * Unknown one `Measuring` (not enough of the window measured yet) or `MeasurementUnavailable`.
   */
  private String reason;

  /** The measured value, with its unit, e.g. `12.0/min`; empty when nothing was measured. */
  private String measured;

  /** The bound the measured value is held to, e.g. `<= 5/min`. */
  private String bound;

  /** The verdict in a sentence, e.g. which tenant's dead-letter queue grew. */
  private String message;

  public GateStatus() {}

  public GateStatus(
      String name,
      String environment,
      GateResult result,
      String reason,
      String measured,
      String bound,
      String message) {
    this.name = name;
    this.environment = environment;
    this.result = result;
    this.reason = reason;
    this.measured = measured;
    this.bound = bound;
    this.message = message;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public GateResult getResult() {
    return result;
  }

  public void setResult(GateResult result) {
    this.result = result;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMeasured() {
    return measured;
  }

  public void setMeasured(String measured) {
    this.measured = measured;
  }

  public String getBound() {
    return bound;
  }

  public void setBound(String bound) {
    this.bound = bound;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
