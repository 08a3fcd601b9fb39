package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** One rate limit: at most `value` pods, or `value` percent of the pods, per `periodSeconds`. */
public class ScalingPolicy {

  /** `Pods` (an absolute number) or `Percent` (of the replicas at the start of the period). */
  @Required private Type type;

  /** The number of pods or the percentage. */
  @Required
  @Min(1)
  private Integer value;

  /** The window in which the change is counted. */
  @Required
  @Min(1)
  @Max(1800)
  private Integer periodSeconds;

  public ScalingPolicy() {}

  public ScalingPolicy(Type type, int value, int periodSeconds) {
    this.type = type;
    this.value = value;
    this.periodSeconds = periodSeconds;
  }

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public Integer getValue() {
    return value;
  }

  public void setValue(Integer value) {
    this.value = value;
  }

  public Integer getPeriodSeconds() {
    return periodSeconds;
  }

  public void setPeriodSeconds(Integer periodSeconds) {
    this.periodSeconds = periodSeconds;
  }

  /** What `value` counts. */
  public enum Type {
    /** An absolute number of pods. */
    Pods,
    /** A percentage of the replicas at the start of the period. */
    Percent
  }
}
