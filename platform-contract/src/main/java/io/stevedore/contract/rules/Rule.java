package io.stevedore.contract.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One processing rule of a tenant (format in platform-runtime/RULES.md); pure and immutable. */
public sealed interface Rule {

  /**
   * The payload of an event of {@code type} after this rule, or empty when the rule drops the
   * event. The payload given is never changed; a rule that changes it returns a copy.
   */
  Optional<Map<String, Object>> apply(String type, Map<String, Object> payload);

  /** Drops events of these types. */
  record Drop(Set<String> types) implements Rule {
    @Override
    public Optional<Map<String, Object>> apply(String type, Map<String, Object> payload) {
      return types.contains(type) ? Optional.empty() : Optional.ofNullable(payload);
    }
  }

  /** Keeps only events of these types, dropping every other. */
  record Keep(Set<String> types) implements Rule {
    @Override
    public Optional<Map<String, Object>> apply(String type, Map<String, Object> payload) {
      return types.contains(type) ? Optional.ofNullable(payload) : Optional.empty();
    }
  }

  /** Moves payload field {@code from} to {@code to} (of the given types; all when empty). */
  record Rename(Set<String> types, String from, String to) implements Rule {
    @Override
    public Optional<Map<String, Object>> apply(String type, Map<String, Object> payload) {
      if (!appliesTo(types, type) || payload == null || !payload.containsKey(from)) {
        return Optional.ofNullable(payload);
      }
      Map<String, Object> renamed = new LinkedHashMap<>(payload);
      renamed.put(to, renamed.remove(from));
      return Optional.of(renamed);
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
    public Optional<Map<String, Object>> apply(String type, Map<String, Object> payload) {
      if (!appliesTo(types, type)
          || payload == null
          || !(payload.get("latitude") instanceof Number lat)
          || !(payload.get("longitude") instanceof Number lon)
          || distanceMeters(lat.doubleValue(), lon.doubleValue()) > radiusMeters) {
        return Optional.ofNullable(payload);
      }
      Map<String, Object> tagged = new LinkedHashMap<>(payload);
      tagged.put(tag, name);
      return Optional.of(tagged);
    }

    /** Great-circle distance from the centre (haversine). */
    public double distanceMeters(double lat, double lon) {
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

  private static boolean appliesTo(Set<String> types, String type) {
    return types.isEmpty() || types.contains(type);
  }
}
