package io.stevedore.operator.api.v1alpha1;

/** Rate limits of scaling in each direction, as the HPA's `behavior`. */
public class ScalingBehavior {

  /**
   * Growing the pool. Defaults: no stabilization window, and per second at most the larger of +10
   * pods and +100 %.
   */
  private ScalingRules scaleUp;

  /**
   * Shrinking the pool. Defaults: the highest recommendation of the last 30 s wins, and per 15 s at
   * most -100 %.
   */
  private ScalingRules scaleDown;

  public ScalingRules getScaleUp() {
    return scaleUp;
  }

  public void setScaleUp(ScalingRules scaleUp) {
    this.scaleUp = scaleUp;
  }

  public ScalingRules getScaleDown() {
    return scaleDown;
  }

  public void setScaleDown(ScalingRules scaleDown) {
    this.scaleDown = scaleDown;
  }
}
