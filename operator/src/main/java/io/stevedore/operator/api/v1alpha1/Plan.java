package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** A tenant's plan: its limits. */
public class Plan {

  /** Events per second that ingest accepts from the tenant; more are answered with 429. */
  @Default("100")
  @Min(1)
  @Max(1000000)
  private Integer ingestRatePerSecond = 100;

  /** Most worker replicas the autoscaler may run for this tenant's backlog. */
  @Default("4")
  @Min(1)
  @Max(1000)
  private Integer maxWorkers = 4;

  public Integer getIngestRatePerSecond() {
    return ingestRatePerSecond;
  }

  public void setIngestRatePerSecond(Integer ingestRatePerSecond) {
    this.ingestRatePerSecond = ingestRatePerSecond;
  }

  public Integer getMaxWorkers() {
    return maxWorkers;
  }

  public void setMaxWorkers(Integer maxWorkers) {
    this.maxWorkers = maxWorkers;
  }
}
