package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A `rename` rule: moves top-level payload field `from` to `to`. */
public class RenameRule {

  /** The payload field to move. */
  @Required private String from;

  /** Its new name (not `from`); an existing field of that name is overwritten. */
  @Required private String to;

  /** Event types it applies to; unset means every type. */
  @Size(min = 1, max = 100)
  private List<String> types;

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public List<String> getTypes() {
    return types;
  }

  public void setTypes(List<String> types) {
    this.types = types;
  }
}
