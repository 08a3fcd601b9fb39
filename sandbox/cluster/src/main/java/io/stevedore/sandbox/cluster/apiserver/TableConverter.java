package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Server-side printing: an object or a list as a {@code meta.k8s.io/v1 Table}, which is what
 * `kubectl get` asks for. Custom resources get Name plus their CRD's printer columns, built-ins the
 * columns of {@link BuiltInColumns}. Pure.
 */
final class TableConverter {
  /** What each row carries besides its cells, as the request's {@code includeObject} says. */
  enum IncludeObject {
    NONE,
    METADATA,
    OBJECT;

    static IncludeObject of(String parameter) {
      if (parameter == null) {
        return METADATA;
      }
      return switch (parameter) {
        case "None" -> NONE;
        case "Object" -> OBJECT;
        default -> METADATA;
      };
    }
  }

  private TableConverter() {}

  static List<TableColumn> columns(ApiResource resource) {
    if (!resource.isCustom()) {
      return BuiltInColumns.forKind(resource.kind());
    }
    if (resource.printerColumns().isEmpty()) {
      return List.of(TableColumn.NAME, TableColumn.AGE);
    }
    List<TableColumn> custom =
        resource.printerColumns().stream().map(TableColumn::printerColumn).toList();
    return Stream.concat(Stream.of(TableColumn.NAME), custom.stream()).toList();
  }

  /** {@code body}: one object, or a list object with {@code items}. */
  static ObjectNode toTable(
      JsonNode body, ApiResource resource, IncludeObject include, Instant now) {
    List<TableColumn> columns = columns(resource);
    ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    String resourceVersion = body.path("metadata").path("resourceVersion").asText("");
    if (!resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    ArrayNode definitions = table.putArray("columnDefinitions");
    columns.forEach(column -> definitions.add(column.definition()));
    ArrayNode rows = table.putArray("rows");
    if (body.has("items")) {
      body.path("items").forEach(item -> rows.add(row(item, columns, include, now)));
    } else {
      rows.add(row(body, columns, include, now));
    }
    return table;
  }

  private static ObjectNode row(
      JsonNode object, List<TableColumn> columns, IncludeObject include, Instant now) {
    ObjectNode row = Json.object();
    ArrayNode cells = row.putArray("cells");
    for (TableColumn column : columns) {
      cells.add(column.cell().of(object, now));
    }
    switch (include) {
      case OBJECT -> row.set("object", object);
      case METADATA ->
          row.putObject("object")
              .put("kind", "PartialObjectMetadata")
              .put("apiVersion", "meta.k8s.io/v1")
              .set("metadata", object.path("metadata"));
      case NONE -> {}
    }
    return row;
  }
}
