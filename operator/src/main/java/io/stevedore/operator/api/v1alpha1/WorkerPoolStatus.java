package io.stevedore.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

/** What the operator observed of a WorkerPool. */
public class WorkerPoolStatus extends StevedoreStatus {

  /** Worker pods the pool's Deployment asks for. */
  private Integer replicas;

  /** Worker pods that are ready. */
  private Integer readyReplicas;

  /** Number of tenants whose queues the pool consumes. */
  private Integer tenantCount;

  /** Names of the tenants whose queues the pool consumes. */
  private List<String> tenants = new ArrayList<>();

  /** The autoscaler's last decision: what it observed, what it computed and applied, and why. */
  private ScalingStatus scaling;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public Integer getTenantCount() {
    return tenantCount;
  }

  public void setTenantCount(Integer tenantCount) {
    this.tenantCount = tenantCount;
  }

  public List<String> getTenants() {
    return tenants;
  }

  public void setTenants(List<String> tenants) {
    this.tenants = tenants;
  }

  public ScalingStatus getScaling() {
    return scaling;
  }

  public void setScaling(ScalingStatus scaling) {
    this.scaling = scaling;
  }
}
