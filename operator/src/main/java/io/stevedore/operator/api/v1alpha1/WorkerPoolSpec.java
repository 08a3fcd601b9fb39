package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** What a WorkerPool should run. */
public class WorkerPoolSpec {

  /** Name of the Environment (same namespace) whose release and stores the workers use. */
  @Required
  @Pattern(Dns1123.LABEL)
  private String environment;

  /**
   * Labels of the Tenants (same namespace and environment) whose queues this pool consumes; an
   * empty selector selects every tenant of the environment.
   */
  @Required private LabelSelector tenantSelector;

  /** How many worker pods run: queue-depth autoscaling between bounds. */
  private ScalingSpec scaling = new ScalingSpec();

  /** How a worker pod stops: it finishes and acknowledges in-flight work first. */
  private DrainSpec drain = new DrainSpec();

  /** CPU and memory requests and limits of each worker pod. */
  private ResourceRequirements resources;

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public LabelSelector getTenantSelector() {
    return tenantSelector;
  }

  public void setTenantSelector(LabelSelector tenantSelector) {
    this.tenantSelector = tenantSelector;
  }

  public ScalingSpec getScaling() {
    return scaling;
  }

  public void setScaling(ScalingSpec scaling) {
    this.scaling = scaling;
  }

  public DrainSpec getDrain() {
    return drain;
  }

  public void setDrain(DrainSpec drain) {
    this.drain = drain;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }
}
