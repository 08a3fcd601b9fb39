package io.stevedore.operator.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.operator.api.RepositoryPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression the Helm chart ships: its alert and recording rules
 * (helm/stevedore/monitoring/alerts.rules.yaml) and each Grafana dashboard's panel and variable
 * queries, with Grafana's variables replaced by plain values so that Prometheus can parse them.
 */
public final class MonitoringCatalog {
  /** One query and where it comes from (for messages). */
  public record Query(String source, String expression) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\)$", Pattern.DOTALL);
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)}?");

  private MonitoringCatalog() {}

  public static Path monitoringDirectory() {
    return RepositoryPaths.root().resolve("helm/stevedore/monitoring");
  }

  public static Path ruleFile() {
    return monitoringDirectory().resolve("alerts.rules.yaml");
  }

  public static List<Path> dashboardFiles() {
    try (Stream<Path> files = Files.list(monitoringDirectory().resolve("dashboards"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rules of the chart's rule file, across its groups. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> rules() {
    Map<String, Object> file = Serialization.unmarshal(read(ruleFile()), Map.class);
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
      rules.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return rules;
  }

  public static List<Query> ruleQueries() {
    return rules().stream()
        .map(
            r ->
                new Query(
                    "rule " + r.getOrDefault("alert", r.get("record")), (String) r.get("expr")))
        .toList();
  }

  /** Each panel target's and each query variable's expression, of every dashboard. */
  public static List<Query> dashboardQueries() {
    List<Query> queries = new ArrayList<>();
    for (Path file : dashboardFiles()) {
      JsonNode dashboard = readJson(file);
      String name = file.getFileName().toString();
      for (JsonNode panel : panels(dashboard)) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(
              new Query(
                  name + " panel '" + panel.path("title").asText() + "' " + target.path("refId"),
                  grafanaToPromql(target.path("expr").asText())));
        }
      }
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if ("query".equals(variable.path("type").asText())) {
          JsonNode query = variable.path("query");
          String text = query.isTextual() ? query.asText() : query.path("query").asText();
          Matcher labelValues = LABEL_VALUES.matcher(text.trim());
          queries.add(
              new Query(
                  name + " variable " + variable.path("name").asText(),
                  grafanaToPromql(labelValues.matches() ? labelValues.group(1) : text)));
        }
      }
    }
    return queries;
  }

  /** The metric names that rules and dashboards select, less the rules' own recorded series. */
  public static Set<String> scrapedMetricNames() {
    Set<String> names = new TreeSet<>();
    Stream.concat(ruleQueries().stream(), dashboardQueries().stream())
        .forEach(q -> names.addAll(PromqlMetricNames.of(q.expression())));
    rules().stream()
        .map(r -> (String) r.get("record"))
        .filter(java.util.Objects::nonNull)
        .forEach(names::remove);
    return names;
  }

  /** Grafana's interval variables become durations, the others a plain label value. */
  static String grafanaToPromql(String expression) {
    return VARIABLE
        .matcher(expression)
        .replaceAll(
            m ->
                switch (m.group(1)) {
                  case "__rate_interval", "__interval", "__range" -> "5m";
                  default -> "value";
                });
  }

  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      all.add(panel);
      // Collapsed rows hold their panels.
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
