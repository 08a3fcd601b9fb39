package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How a promoted release is verified in its environment. */
public class VerificationSpec {

  /**
   * Seconds after the rollout during which the health gates must hold in this environment; 0 only
   * waits for the rollout.
   */
  @Default("60")
  @Min(0)
  @Max(86400)
  private Integer windowSeconds = 60;

  /**
   * Seconds the rollout of ingest and every worker pool may take; a rollout that does not finish in
   * time fails verification and is rolled back.
   */
  @Default("600")
  @Min(1)
  @Max(86400)
  private Integer rolloutTimeoutSeconds = 600;

  public Integer getWindowSeconds() {
    return windowSeconds;
  }

  public void setWindowSeconds(Integer windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  public Integer getRolloutTimeoutSeconds() {
    return rolloutTimeoutSeconds;
  }

  public void setRolloutTimeoutSeconds(Integer rolloutTimeoutSeconds) {
    this.rolloutTimeoutSeconds = rolloutTimeoutSeconds;
  }
}
