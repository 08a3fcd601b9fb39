package io.stevedore.contract.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one rule from its JSON form (platform-runtime/RULES.md), strictly: typos are errors. The
 * operator refuses a Tenant's rules with this parser and workers read stored rules with it, so both
 * refuse the same rules.
 */
public final class RuleParser {
  private RuleParser() {}

  /**
   * The rule that {@code json} describes.
   *
   * @throws InvalidRuleException naming what is wrong with it
   */
  public static Rule parse(String json) {
    Object root;
    try {
      root = Json.read(json);
    } catch (InvalidJsonException e) {
      throw new InvalidRuleException("not JSON: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> rule) || rule.size() != 1) {
      throw new InvalidRuleException(
          "a rule is an object with exactly one of drop, keep, rename, geofence");
    }
    String kind = (String) rule.keySet().iterator().next();
    if (!(rule.get(kind) instanceof Map<?, ?> body)) {
      throw new InvalidRuleException(kind + ": must be an object");
    }
    switch (kind) {
      case "drop":
        return new Rule.Drop(types(kind, body, Set.of("types"), true));
      case "keep":
        return new Rule.Keep(types(kind, body, Set.of("types"), true));
      case "rename":
        return rename(body);
      case "geofence":
        return geofence(body);
      default:
        throw new InvalidRuleException(
            "unknown rule '" + kind + "': expected drop, keep, rename or geofence");
    }
  }

  private static Rule rename(Map<?, ?> body) {
    Set<String> types = types("rename", body, Set.of("types", "from", "to"), false);
    String from = text("rename", body, "from");
    String to = text("rename", body, "to");
    if (from.equals(to)) {
      throw new InvalidRuleException("rename: from and to are the same field");
    }
    return new Rule.Rename(types, from, to);
  }

  private static Rule geofence(Map<?, ?> body) {
    Set<String> types =
        types(
            "geofence",
            body,
            Set.of("types", "name", "latitude", "longitude", "radiusMeters", "tag"),
            false);
    double latitude = number(body, "latitude");
    double longitude = number(body, "longitude");
    double radius = number(body, "radiusMeters");
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      throw new InvalidRuleException(
          "geofence: latitude must be within ±90 and longitude within ±180");
    }
    if (radius <= 0 || Double.isInfinite(radius)) {
      throw new InvalidRuleException("geofence: radiusMeters must be positive and finite");
    }
    return new Rule.Geofence(
        types,
        text("geofence", body, "name"),
        latitude,
        longitude,
        radius,
        text("geofence", body, "tag"));
  }

  /** The rule's "types" (required or optional), after checking it has no unknown fields. */
  private static Set<String> types(
      String kind, Map<?, ?> body, Set<String> fields, boolean required) {
    for (Object field : body.keySet()) {
      if (!fields.contains(field)) {
        throw new InvalidRuleException(kind + ": unknown field '" + field + "'");
      }
    }
    if (!body.containsKey("types")) {
      if (required) {
        throw new InvalidRuleException(kind + ": types is required");
      }
      return Set.of();
    }
    if (!(body.get("types") instanceof List<?> types) || types.isEmpty()) {
      throw new InvalidRuleException(kind + ": types must be a non-empty array of strings");
    }
    Set<String> result = new LinkedHashSet<>();
    for (Object type : types) {
      if (!(type instanceof String name) || name.isBlank()) {
        throw new InvalidRuleException(kind + ": types must be a non-empty array of strings");
      }
      result.add(name);
    }
    return Set.copyOf(result);
  }

  private static String text(String kind, Map<?, ?> body, String field) {
    if (!(body.get(field) instanceof String value) || value.isBlank()) {
      throw new InvalidRuleException(kind + ": " + field + " must be a non-empty string");
    }
    return value;
  }

  private static double number(Map<?, ?> body, String field) {
    if (!(body.get(field) instanceof Number value)) {
      throw new InvalidRuleException("geofence: " + field + " must be a number");
    }
    return value.doubleValue();
  }
}
