package io.stevedore.runtime.rules;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads one rule from its JSON form (platform-runtime/RULES.md), strictly: typos are errors. */
public final class RuleParser {
  private static final JsonMapper JSON = JsonMapper.shared();

  private RuleParser() {}

  /**
   * The rule that {@code json} describes.
   *
   * @throws InvalidRuleException naming what is wrong with it
   */
  public static Rule parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidRuleException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || root.size() != 1) {
      throw new InvalidRuleException(
          "a rule is an object with exactly one of drop, keep, rename, geofence");
    }
    String kind = root.propertyNames().iterator().next();
    JsonNode body = root.get(kind);
    if (!body.isObject()) {
      throw new InvalidRuleException(kind + ": must be an object");
    }
    return switch (kind) {
      case "drop" -> new Rule.Drop(types(kind, body, Set.of("types"), true));
      case "keep" -> new Rule.Keep(types(kind, body, Set.of("types"), true));
      case "rename" -> rename(body);
      case "geofence" -> geofence(body);
      default ->
          throw new InvalidRuleException(
              "unknown rule '" + kind + "': expected drop, keep, rename or geofence");
    };
  }

  private static Rule rename(JsonNode body) {
    Set<String> types = types("rename", body, Set.of("types", "from", "to"), false);
    String from = text("rename", body, "from");
    String to = text("rename", body, "to");
    if (from.equals(to)) {
      throw new InvalidRuleException("rename: from and to are the same field");
    }
    return new Rule.Rename(types, from, to);
  }

  private static Rule geofence(JsonNode body) {
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
    if (radius <= 0) {
      throw new InvalidRuleException("geofence: radiusMeters must be positive");
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
      String kind, JsonNode body, Set<String> fields, boolean required) {
    for (String field : body.propertyNames()) {
      if (!fields.contains(field)) {
        throw new InvalidRuleException(kind + ": unknown field '" + field + "'");
      }
    }
    JsonNode types = body.get("types");
    if (types == null) {
      if (required) {
        throw new InvalidRuleException(kind + ": types is required");
      }
      return Set.of();
    }
    if (!types.isArray() || types.isEmpty()) {
      throw new InvalidRuleException(kind + ": types must be a non-empty array of strings");
    }
    Set<String> result = new LinkedHashSet<>();
    for (JsonNode type : types.values()) {
      if (!type.isString() || type.asString().isBlank()) {
        throw new InvalidRuleException(kind + ": types must be a non-empty array of strings");
      }
      result.add(type.asString());
    }
    return Set.copyOf(result);
  }

  private static String text(String kind, JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new InvalidRuleException(kind + ": " + field + " must be a non-empty string");
    }
    return value.asString();
  }

  private static double number(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isNumber()) {
      throw new InvalidRuleException("geofence: " + field + " must be a number");
    }
    return value.doubleValue();
  }
}
