package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How long a stopping worker may take to finish its in-flight work. */
public class DrainSpec {

  /**
   * Seconds a worker has, after SIGTERM, to finish and acknowledge what it holds; unfinished
   * messages return to the queue.
   */
  @Default("120")
  @Min(1)
  @Max(3600)
  private Integer maxSeconds = 120;

  public Integer getMaxSeconds() {
    return maxSeconds;
  }

  public void setMaxSeconds(Integer maxSeconds) {
    this.maxSeconds = maxSeconds;
  }
}
