package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The ingest tier of an Environment. */
public class IngestSpec {

  /** Number of ingest pods; rolling updates never take one away before its successor is ready. */
  @Default("2")
  @Min(0)
  @Max(1000)
  private Integer replicas = 2;

  /** CPU and memory requests and limits of each ingest pod. */
  private ResourceRequirements resources;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }
}
