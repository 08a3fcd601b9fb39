package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.List;

/**
 * Rate limits of one scaling direction, with the HPA's semantics (HPAScalingRules); an unset field
 * takes the direction's default.
 */
public class ScalingRules {

  /**
   * Seconds of past recommendations to consider: scaling up uses the lowest of them, scaling down
   * the highest, so that a short spike or dip does not resize the pool.
   */
  @Min(0)
  @Max(3600)
  private Integer stabilizationWindowSeconds;

  /**
   * `Max` (the policy that allows the largest change), `Min` (the smallest), or `Disabled` (never
   * scale in this direction).
   */
  private SelectPolicy selectPolicy;

  /** How much the pool may change per period; several policies combine through selectPolicy. */
  private List<ScalingPolicy> policies;

  public ScalingRules() {}

  public ScalingRules(
      Integer stabilizationWindowSeconds, SelectPolicy selectPolicy, List<ScalingPolicy> policies) {
    this.stabilizationWindowSeconds = stabilizationWindowSeconds;
    this.selectPolicy = selectPolicy;
    this.policies = policies;
  }

  public Integer getStabilizationWindowSeconds() {
    return stabilizationWindowSeconds;
  }

  public void setStabilizationWindowSeconds(Integer stabilizationWindowSeconds) {
    this.stabilizationWindowSeconds = stabilizationWindowSeconds;
  }

  public SelectPolicy getSelectPolicy() {
    return selectPolicy;
  }

  public void setSelectPolicy(SelectPolicy selectPolicy) {
    this.selectPolicy = selectPolicy;
  }

  public List<ScalingPolicy> getPolicies() {
    return policies;
  }

  public void setPolicies(List<ScalingPolicy> policies) {
    this.policies = policies;
  }

  /** Which of several policies applies. */
  public enum SelectPolicy {
    /** The policy that allows the largest change. */
    Max,
    /** The policy that allows the smallest change. */
    Min,
    /** No scaling in this direction. */
    Disabled
  }
}
