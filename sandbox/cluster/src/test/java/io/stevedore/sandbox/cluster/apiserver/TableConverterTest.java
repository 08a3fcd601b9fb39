package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableConverterTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  private static List<String> columnNames(JsonNode table) {
    List<String> names = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  private static List<String> cells(JsonNode row) {
    List<String> cells = new ArrayList<>();
    row.path("cells").forEach(c -> cells.add(c.isNull() ? null : c.asText()));
    return cells;
  }

  @Test
  void customResourcesShowNameThenTheirCrdsPrinterColumns() {
    ApiResource environments = InstalledCrds.stevedore("environments");
    JsonNode list =
        Json.parse(
            """
            {"kind": "List", "metadata": {"resourceVersion": "42"}, "items": [
              {"metadata": {"name": "staging", "namespace": "s", "creationTimestamp": "2026-12-02T11:55:00Z"},
               "spec": {"broker": {"type": "RabbitMQ"}, "release": {"version": "1.4.2"}},
               "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Available"}]}},
              {"metadata": {"name": "fresh", "namespace": "s", "creationTimestamp": "2026-12-02T11:59:30Z"},
               "spec": {"broker": {"type": "SQS"}, "release": {"version": "2.0.0"}}}]}
            """);

    JsonNode table =
        TableConverter.toTable(list, environments, TableConverter.IncludeObject.METADATA, NOW);

    List<String> expectedColumns = new ArrayList<>(List.of("Name"));
    environments.printerColumns().forEach(c -> expectedColumns.add(c.path("name").asText()));
    assertThat(columnNames(table)).isEqualTo(expectedColumns).contains("Ready", "Release");
    assertThat(table.path("columnDefinitions").get(0).path("format").asText()).isEqualTo("name");
    assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo("42");
    List<String> staging = cells(table.path("rows").get(0));
    assertThat(staging.get(0)).isEqualTo("staging");
    assertThat(staging.get(expectedColumns.indexOf("Age"))).isEqualTo("5m");
    assertThat(staging.get(expectedColumns.indexOf("Ready"))).isEqualTo("True");
    assertThat(staging.get(expectedColumns.indexOf("Release"))).isEqualTo("1.4.2");
    List<String> fresh = cells(table.path("rows").get(1));
    assertThat(fresh.get(expectedColumns.indexOf("Ready"))).as("no status yet").isNull();
    assertThat(fresh.get(expectedColumns.indexOf("Age"))).isEqualTo("30s");
    JsonNode rowObject = table.at("/rows/0/object");
    assertThat(rowObject.path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(rowObject.at("/metadata/namespace").asText()).isEqualTo("s");
    assertThat(rowObject.has("spec")).isFalse();
  }

  @Test
  void integerColumnsStayNumbersAndWideColumnsHaveAPriority() {
    ApiResource pools = InstalledCrds.stevedore("workerpools");
    JsonNode pool =
        Json.parse(
            "{\"metadata\": {\"name\": \"p\"}, \"status\": {\"replicas\": 2, \"tenantCount\": 3}}");

    JsonNode table = TableConverter.toTable(pool, pools, TableConverter.IncludeObject.OBJECT, NOW);

    assertThat(table.path("rows")).hasSize(1);
    assertThat(table.at("/rows/0/object/status/replicas").asInt()).isEqualTo(2);
    assertThat(table.path("columnDefinitions")).anyMatch(c -> c.path("priority").asInt() > 0);
  }

  @Test
  void builtInKindsGetTheirUsualColumns() {
    ApiResource deployments =
        InstalledCrds.catalog().find("apps", "v1", "deployments").orElseThrow();
    JsonNode deployment =
        Json.parse(
            """
            {"metadata": {"name": "staging-ingest", "creationTimestamp": "2026-12-02T10:00:00Z"},
             "spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "ingest", "image": "runtime:1"}]}}},
             "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}}
            """);

    JsonNode table =
        TableConverter.toTable(deployment, deployments, TableConverter.IncludeObject.NONE, NOW);

    assertThat(columnNames(table)).startsWith("Name", "Ready", "Up-to-date", "Available", "Age");
    assertThat(cells(table.path("rows").get(0)))
        .startsWith("staging-ingest", "2/3", "3", "2", "120m");
    assertThat(table.at("/rows/0").has("object")).isFalse();
  }

  @Test
  void eventsShowWhatHappenedToWhichObject() {
    ApiResource events = InstalledCrds.catalog().find("", "v1", "events").orElseThrow();
    JsonNode event =
        Json.parse(
            """
            {"metadata": {"name": "e1"}, "lastTimestamp": "2026-12-02T11:59:00Z", "type": "Warning",
             "reason": "InvalidSpec", "message": "spec.scaling: minReplicas (5) must not exceed maxReplicas (2)",
             "involvedObject": {"kind": "WorkerPool", "name": "broken"}}
            """);

    JsonNode table =
        TableConverter.toTable(event, events, TableConverter.IncludeObject.METADATA, NOW);

    assertThat(cells(table.path("rows").get(0)))
        .containsExactly(
            "60s",
            "Warning",
            "InvalidSpec",
            "workerpool/broken",
            "spec.scaling: minReplicas (5) must not exceed maxReplicas (2)");
  }
}
