package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What the pool does after its queues could not be observed several times in a row; a failed
 * observation is never read as an empty queue.
 */
@ValidationRule(
    value = "self.behavior != 'FixedReplicas' || has(self.replicas)",
    message = "scaling.fallback.replicas is required when the behavior is FixedReplicas")
public class ScalingFallback {

  /**
   * Consecutive failed observations (broker down, queue missing, credentials refused, anything)
   * before the fallback behaviour applies; until then the pool keeps its size.
   */
  @Default("3")
  @Min(1)
  @Max(1000)
  private Integer failureThreshold = 3;

  /**
   * `HoldLastGood` keeps the replicas of the last successful observation; `FixedReplicas` sets
   * `replicas`.
   */
  @Default("HoldLastGood")
  private Behavior behavior = Behavior.HoldLastGood;

  /** Replicas while the fallback applies, with `FixedReplicas`. */
  @Min(0)
  @Max(1000)
  private Integer replicas;

  public Integer getFailureThreshold() {
    return failureThreshold;
  }

  public void setFailureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
  }

  public Behavior getBehavior() {
    return behavior;
  }

  public void setBehavior(Behavior behavior) {
    this.behavior = behavior;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  /** The fallback behaviours. */
  public enum Behavior {
    /** Keep the replicas of the last successful observation. */
    HoldLastGood,
    /** Set the fallback's `replicas`. */
    FixedReplicas
  }
}
