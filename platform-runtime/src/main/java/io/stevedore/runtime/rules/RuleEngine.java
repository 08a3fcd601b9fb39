package io.stevedore.runtime.rules;

import io.stevedore.runtime.event.DeviceEvent;
import java.util.List;
import java.util.Optional;

/** Applies a tenant's rules to an event, in order; the first rule that drops it ends the chain. */
public final class RuleEngine {
  private RuleEngine() {}

  /** The event as stored, or empty when a rule drops it. */
  public static Optional<DeviceEvent> apply(List<Rule> rules, DeviceEvent event) {
    Optional<DeviceEvent> current = Optional.of(event);
    for (Rule rule : rules) {
      current = rule.apply(current.get());
      if (current.isEmpty()) {
        return current;
      }
    }
    return current;
  }
}
