package io.stevedore.runtime.rules;

import io.stevedore.runtime.event.DeviceEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One processing rule of a tenant (format in platform-runtime/RULES.md); pure and immutable. */
public sealed interface Rule {

  /** The event after this rule, or empty when the rule drops it. */
  Optional<DeviceEvent> apply(DeviceEvent event);

  /** Drops events of these types. */
  record Drop(Set<String> types) implements Rule {
    @Override
    public Optional<DeviceEvent> apply(DeviceEvent event) {
      return types.contains(event.type()) ? Optional.empty() : Optional.of(event);
    }
  }

  /** Keeps only events of these types, dropping every other. */
  record Keep(Set<String> types) implements Rule {
    @Override
    public Optional<DeviceEvent> apply(DeviceEvent event) {
      return types.contains(event.type()) ? Optional.of(event) : Optional.empty();
    }
  }

  /** Moves payload field {@code from} to {@code to} (of the given types; all when empty). */
  record Rename(Set<String> types, String from, String to) implements Rule {
    @Override
    public Optional<DeviceEvent> apply(DeviceEvent event) {
      Map<String, Object> payload = event.payload();
      if (!appliesTo(types, event) || payload == null || !payload.containsKey(from)) {
        return Optional.of(event);
      }
      Map<String, Object> renamed = new LinkedHashMap<>(payload);
      renamed.put(to, renamed.remove(from));
      return Optional.of(withPayload(event, renamed));
    }
  }

  /**
   * Sets payload field {@code tag} to {@code name} when the payload's latitude/longitude lie within
   * {@code radiusMeters} of the centre (of the given types; all when empty).
   */
  record Geofence(
      Set<String> types,
      String name,
      double latitude,
      double longitude,
      double radiusMeters,
      String tag)
      implements Rule {
    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    @Override
    public Optional<DeviceEvent> apply(DeviceEvent event) {
      Map<String, Object> payload = event.payload();
      if (!appliesTo(types, event)
          || payload == null
          || !(payload.get("latitude") instanceof Number lat)
          || !(payload.get("longitude") instanceof Number lon)
          || distanceMeters(lat.doubleValue(), lon.doubleValue()) > radiusMeters) {
        return Optional.of(event);
      }
      Map<String, Object> tagged = new LinkedHashMap<>(payload);
      tagged.put(tag, name);
      return Optional.of(withPayload(event, tagged));
    }

    /** Great-circle distance from the centre (haversine). */
    double distanceMeters(double lat, double lon) {
      double dLat = Math.toRadians(lat - latitude);
      double dLon = Math.toRadians(lon - longitude);
      double a =
          Math.pow(Math.sin(dLat / 2), 2)
              + Math.cos(Math.toRadians(latitude))
                  * Math.cos(Math.toRadians(lat))
                  * Math.pow(Math.sin(dLon / 2), 2);
      return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
  }

  private static boolean appliesTo(Set<String> types, DeviceEvent event) {
    return types.isEmpty() || types.contains(event.type());
  }

  private static DeviceEvent withPayload(DeviceEvent event, Map<String, Object> payload) {
    return new DeviceEvent(
        event.deviceId(), event.eventId(), event.timestamp(), event.type(), payload);
  }
}
