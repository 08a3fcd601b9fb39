package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Bounds on an environment's health that the operator measures itself; an unset bound is not
 * checked. The environment's `Ready` condition is always checked.
 */
public class HealthGates {

  /**
   * Oldest message age, in seconds, that any of the environment's WorkerPools may report in its
   * autoscaling status. A pool with tenants but no measurement makes the gate Unknown.
   */
  @Min(0)
  private Integer maxBacklogAgeSeconds;

  /**
   * Messages per minute that may arrive in the dead-letter queues of the environment's tenants, all
   * tenants together, measured from the broker over the window.
   */
  @Min(0)
  private Double maxDeadLetterRatePerMinute;

  /**
   * Fraction (0 to 1) of the events ingest tried to queue that failed on the server side
   * (`unavailable`), measured from the ingest pods' metrics over the window; client errors
   * (invalid, rate-limited) do not count.
   */
  @Min(0)
  @Max(1)
  private Double maxIngestErrorRatio;

  /**
   * Seconds of measurements the rate gates judge before a rollout (the source's recent past);
   * during verification they judge the whole verification window.
   */
  @Default("60")
  @Min(1)
  @Max(3600)
  private Integer windowSeconds = 60;

  public Integer getMaxBacklogAgeSeconds() {
    return maxBacklogAgeSeconds;
  }

  public void setMaxBacklogAgeSeconds(Integer maxBacklogAgeSeconds) {
    this.maxBacklogAgeSeconds = maxBacklogAgeSeconds;
  }

  public Double getMaxDeadLetterRatePerMinute() {
    return maxDeadLetterRatePerMinute;
  }

  public void setMaxDeadLetterRatePerMinute(Double maxDeadLetterRatePerMinute) {
    this.maxDeadLetterRatePerMinute = maxDeadLetterRatePerMinute;
  }

  public Double getMaxIngestErrorRatio() {
    return maxIngestErrorRatio;
  }

  public void setMaxIngestErrorRatio(Double maxIngestErrorRatio) {
    this.maxIngestErrorRatio = maxIngestErrorRatio;
  }

  public Integer getWindowSeconds() {
    return windowSeconds;
  }

  public void setWindowSeconds(Integer windowSeconds) {
    this.windowSeconds = windowSeconds;
  }
}
