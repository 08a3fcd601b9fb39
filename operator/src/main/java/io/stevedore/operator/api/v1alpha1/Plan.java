package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /**
   * The tenant's share of each worker's capacity relative to the other tenants of its WorkerPool
   * while they all have a backlog (a tenant of weight 2 is served twice as much as one of weight
   * 1); capacity others leave unused is lent to whoever has work.
   */
  @Default("1")
  @Min(1)
  @Max(100)
  private Integer workerWeight = 1;

  /**
   * ResourceQuota `hard` limits of the tenant's namespace where its Environment isolates tenants;
   * each key overrides the Environment's `tenantIsolation.quota`.
   */
  private Map<String, Quantity> quota = new LinkedHashMap<>();

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

  public Integer getWorkerWeight() {
    return workerWeight;
  }

  public void setWorkerWeight(Integer workerWeight) {
    this.workerWeight = workerWeight;
  }

  public Map<String, Quantity> getQuota() {
    return quota;
  }

  public void setQuota(Map<String, Quantity> quota) {
    this.quota = quota;
  }
}
