package io.stevedore.runtime.rules;

import io.stevedore.contract.rules.Rule;
import io.stevedore.runtime.event.DeviceEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies a tenant's rules to an event, in order; the first rule that drops it ends the chain. */
public final class RuleEngine {
  private RuleEngine() {}

  /** The event as stored, or empty when a rule drops it. */
  public static Optional<DeviceEvent> apply(List<Rule> rules, DeviceEvent event) {
    Map<String, Object> payload = event.payload();
    for (Rule rule : rules) {
      Optional<Map<String, Object>> kept = rule.apply(event.type(), payload);
      if (kept.isEmpty()) {
        return Optional.empty();
      }
      payload = kept.get();
    }
    return Optional.of(
        payload == event.payload()
            ? event
            : new DeviceEvent(
                event.deviceId(), event.eventId(), event.timestamp(), event.type(), payload));
  }
}
