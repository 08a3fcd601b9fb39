package io.stevedore.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Status fields every Stevedore resource shares: what the operator last saw and concluded. */
public class StevedoreStatus {

  /** The metadata.generation of the spec that this status describes. */
  private Long observedGeneration;

  /**
   * Standard conditions; `Ready` summarises the resource, so `kubectl wait --for=condition=Ready`
   * works.
   */
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
