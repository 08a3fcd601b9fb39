package io.stevedore.operator.api.v1alpha1;

/** One served tenant's part of a WorkerPool's size in the autoscaler's last decision. */
public class TenantShareStatus {

  /** The Tenant's name. */
  private String tenant;

  /** Messages waiting or in flight on its queue. */
  private Long backlog;

  /** Replicas its backlog calls for (its part of the pool's demand), before its cap. */
  private Double replicas;

  /** Its plan.maxWorkers: most replicas its backlog may drive. */
  private Integer maxWorkers;

  /** Whether its part was cut to maxWorkers. */
  private Boolean capped;

  public String getTenant() {
    return tenant;
  }

  public void setTenant(String tenant) {
    this.tenant = tenant;
  }

  public Long getBacklog() {
    return backlog;
  }

  public void setBacklog(Long backlog) {
    this.backlog = backlog;
  }

  public Double getReplicas() {
    return replicas;
  }

  public void setReplicas(Double replicas) {
    this.replicas = replicas;
  }

  public Integer getMaxWorkers() {
    return maxWorkers;
  }

  public void setMaxWorkers(Integer maxWorkers) {
    this.maxWorkers = maxWorkers;
  }

  public Boolean getCapped() {
    return capped;
  }

  public void setCapped(Boolean capped) {
    this.capped = capped;
  }
}
