package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A `drop` or `keep` rule: the event types it selects. */
public class TypesRule {

  /** Event types (non-empty strings) the rule selects. */
  @Required
  @Size(min = 1, max = 100)
  private List<String> types;

  public List<String> getTypes() {
    return types;
  }

  public void setTypes(List<String> types) {
    this.types = types;
  }
}
