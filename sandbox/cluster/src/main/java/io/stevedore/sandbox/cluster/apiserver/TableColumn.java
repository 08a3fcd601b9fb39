package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.List;

/**
 * One column of a server-side table: its definition and how a cell is computed from an object.
 *
 * @param priority 0 for default columns; above 0 only with {@code -o wide}
 */
record TableColumn(String name, String type, int priority, String description, Cell cell) {

  /**
   * A cell's value for an object at a given time (ages need "now"); null prints as "&lt;none&gt;".
   */
  @FunctionalInterface
  interface Cell {
    JsonNode of(JsonNode object, Instant now);
  }

  static final TableColumn NAME =
      new TableColumn(
          "Name",
          "string",
          0,
          "Name must be unique within a namespace.",
          (object, now) -> object.path("metadata").path("name"));

  static final TableColumn AGE = age("Age", "metadata.creationTimestamp");

  static TableColumn of(String name, int priority, Cell cell) {
    return new TableColumn(name, "string", priority, name, cell);
  }

  /** The age of the timestamp at {@code dottedPath}, as kubectl prints ages. */
  static TableColumn age(String name, String dottedPath) {
    return of(name, 0, (object, now) -> ageOf(Json.at(object, dottedPath), now));
  }

  /**
   * A CRD's {@code additionalPrinterColumns} entry: the JSONPath's first result, typed as the
   * column says, with dates shown as ages (what the API server does for custom resources).
   */
  static TableColumn printerColumn(JsonNode definition) {
    String type = definition.path("type").asText("string");
    JsonPathSubset path = JsonPathSubset.compile(definition.path("jsonPath").asText());
    return new TableColumn(
        definition.path("name").asText(),
        type,
        definition.path("priority").asInt(0),
        definition.path("description").asText(definition.path("name").asText()),
        (object, now) -> {
          List<JsonNode> results = path.evaluate(object);
          return results.isEmpty() ? NullNode.getInstance() : typed(type, results.get(0), now);
        });
  }

  JsonNode definition() {
    return Json.object()
        .put("name", name)
        .put("type", type)
        .put("format", this == NAME ? "name" : "")
        .put("description", description)
        .put("priority", priority);
  }

  static JsonNode text(String value) {
    return value == null ? NullNode.getInstance() : JsonNodeFactory.instance.textNode(value);
  }

  private static JsonNode ageOf(JsonNode timestamp, Instant now) {
    return timestamp.isTextual()
        ? text(HumanDuration.since(timestamp.asText(), now))
        : text("<unknown>");
  }

  private static JsonNode typed(String type, JsonNode value, Instant now) {
    if (value.isNull()) {
      return value;
    }
    return switch (type) {
      case "date" -> ageOf(value, now);
      case "integer" ->
          value.isNumber()
              ? JsonNodeFactory.instance.numberNode(value.asLong())
              : NullNode.getInstance();
      case "number" -> value.isNumber() ? value : NullNode.getInstance();
      case "boolean" -> value.isBoolean() ? value : NullNode.getInstance();
      default -> text(value.isValueNode() ? value.asText() : Json.write(value));
    };
  }
}
