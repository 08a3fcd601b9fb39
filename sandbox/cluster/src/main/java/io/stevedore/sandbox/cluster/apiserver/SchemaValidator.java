package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an object against a CRD's structural schema as the API server does before it stores a
 * custom resource: types, enums, required fields, patterns, bounds, and fields the schema does not
 * know, which it prunes (removes from the object), as the API server does. CEL rules ({@code
 * x-kubernetes-validations}) and formats are not evaluated.
 */
final class SchemaValidator {

  /** What is wrong with an object: invalid values, and fields the schema does not know. */
  record Findings(List<String> invalid, List<String> unknownFields) {
    boolean isClean() {
      return invalid.isEmpty() && unknownFields.isEmpty();
    }
  }

  private SchemaValidator() {}

  /**
   * Checks {@code object} and removes the fields its schema does not know from it.
   *
   * @param unchecked top-level fields left alone (apiVersion, kind, metadata; status when it is a
   *     subresource, which a write to the object itself does not change)
   */
  static Findings validateAndPrune(ObjectNode object, JsonNode schema, Set<String> unchecked) {
    var findings = new Findings(new ArrayList<>(), new ArrayList<>());
    check(object, schema, "", findings, unchecked);
    return findings;
  }

  private static void check(
      JsonNode value, JsonNode schema, String path, Findings findings, Set<String> unchecked) {
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        findings
            .invalid()
            .add(path + ": Invalid value: \"null\": " + path + " in body must not be null");
      }
      return;
    }
    if (!hasType(value, schema)) {
      findings
          .invalid()
          .add(
              "%s: Invalid value: \"%s\": %s in body must be of type %s: \"%s\""
                  .formatted(
                      path, kindOf(value), path, schema.path("type").asText(), kindOf(value)));
      return;
    }
    checkValue(value, schema, path, findings);
    if (value.isObject()) {
      checkObject((ObjectNode) value, schema, path, findings, unchecked);
    } else if (value.isArray()) {
      JsonNode items = schema.path("items");
      for (int i = 0; i < value.size(); i++) {
        if (items.isObject()) {
          check(value.get(i), items, path + "[" + i + "]", findings, Set.of());
        }
      }
    }
  }

  private static void checkObject(
      ObjectNode value, JsonNode schema, String path, Findings findings, Set<String> unchecked) {
    for (JsonNode required : schema.path("required")) {
      // The API server would have filled in a field with a default before validating.
      boolean defaulted = schema.path("properties").path(required.asText()).has("default");
      if (!value.has(required.asText()) && !defaulted) {
        findings.invalid().add(join(path, required.asText()) + ": Required value");
      }
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Map.Entry<String, JsonNode> field : fields(value)) {
      String name = field.getKey();
      String fieldPath = join(path, name);
      if (unchecked.contains(name)) {
        continue;
      }
      if (properties.has(name)) {
        check(field.getValue(), properties.get(name), fieldPath, findings, Set.of());
      } else if (additional.isObject()) {
        check(field.getValue(), additional, fieldPath, findings, Set.of());
      } else if (!preserveUnknown && !additional.asBoolean(false)) {
        findings.unknownFields().add(fieldPath);
        value.remove(name);
      }
    }
  }

  private static void checkValue(JsonNode value, JsonNode schema, String path, Findings findings) {
    JsonNode allowed = schema.path("enum");
    if (allowed.isArray() && !allowed.isEmpty()) {
      Set<JsonNode> values = new HashSet<>();
      allowed.forEach(values::add);
      if (!values.contains(value)) {
        findings
            .invalid()
            .add("%s: Unsupported value: %s: supported values: %s".formatted(path, value, allowed));
      }
    }
    if (value.isTextual()
        && schema.has("pattern")
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      findings
          .invalid()
          .add(
              "%s: Invalid value: \"%s\": %s in body should match '%s'"
                  .formatted(path, value.asText(), path, schema.get("pattern").asText()));
    }
    bound(
        value.isTextual() ? value.asText().length() : -1,
        schema,
        "minLength",
        "maxLength",
        "characters",
        path,
        findings);
    bound(
        value.isArray() ? value.size() : -1,
        schema,
        "minItems",
        "maxItems",
        "items",
        path,
        findings);
    bound(
        value.isObject() ? value.size() : -1,
        schema,
        "minProperties",
        "maxProperties",
        "properties",
        path,
        findings);
    if (value.isNumber()) {
      double number = value.asDouble();
      if (schema.has("minimum") && number < schema.get("minimum").asDouble()) {
        findings
            .invalid()
            .add(
                "%s: Invalid value: %s: %s in body should be greater than or equal to %s"
                    .formatted(path, value, path, schema.get("minimum")));
      }
      if (schema.has("maximum") && number > schema.get("maximum").asDouble()) {
        findings
            .invalid()
            .add(
                "%s: Invalid value: %s: %s in body should be less than or equal to %s"
                    .formatted(path, value, path, schema.get("maximum")));
      }
    }
  }

  private static void bound(
      int size,
      JsonNode schema,
      String min,
      String max,
      String unit,
      String path,
      Findings findings) {
    if (size < 0) {
      return;
    }
    if (schema.has(min) && size < schema.get(min).asInt()) {
      findings
          .invalid()
          .add(
              "%s: Invalid value: %s must have at least %d %s"
                  .formatted(path, path, schema.get(min).asInt(), unit));
    }
    if (schema.has(max) && size > schema.get(max).asInt()) {
      findings
          .invalid()
          .add(
              "%s: Too many: %d: must have at most %d %s"
                  .formatted(path, size, schema.get(max).asInt(), unit));
    }
  }

  private static boolean hasType(JsonNode value, JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return value.isTextual() || value.isIntegralNumber();
    }
    return switch (schema.path("type").asText("")) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" ->
          value.isIntegralNumber()
              || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static String kindOf(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return value.isIntegralNumber() ? "integer" : "number";
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode object) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    object.fields().forEachRemaining(fields::add);
    return fields;
  }
}
