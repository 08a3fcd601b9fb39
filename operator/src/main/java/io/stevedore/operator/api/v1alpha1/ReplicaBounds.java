package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Lower and upper bound of a pool's replicas. */
@ValidationRule(
    value = "self.min <= self.max",
    message = "replicas.min must not exceed replicas.max")
public class ReplicaBounds {

  /** Fewest worker pods; 0 lets an idle pool scale to zero. */
  @Default("1")
  @Min(0)
  @Max(1000)
  private Integer min = 1;

  /** Most worker pods. */
  @Default("10")
  @Min(1)
  @Max(1000)
  private Integer max = 10;

  public ReplicaBounds() {}

  public ReplicaBounds(int min, int max) {
    this.min = min;
    this.max = max;
  }

  public Integer getMin() {
    return min;
  }

  public void setMin(Integer min) {
    this.min = min;
  }

  public Integer getMax() {
    return max;
  }

  public void setMax(Integer max) {
    this.max = max;
  }
}
