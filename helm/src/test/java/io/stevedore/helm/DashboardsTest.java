package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.stevedore.operator.monitoring.MonitoringCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards: every query parses as Prometheus parses it (promtool, on a generated rule
 * file holding each query as a recording rule), and the chart ships them as ConfigMaps that
 * Grafana's dashboard sidecar loads. PlatformDeploymentsIT (operator) checks their metrics exist.
 */
class DashboardsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyPanelAndVariableQueryParsesWithPromtool() {
    List<MonitoringCatalog.Query> queries = MonitoringCatalog.dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(30);
    List<Map<String, Object>> rules = new ArrayList<>();
    StringBuilder legend = new StringBuilder();
    for (int i = 0; i < queries.size(); i++) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("record", "dashboard_query_" + i);
      rule.put("expr", queries.get(i).expression());
      rules.add(rule);
      legend.append("dashboard_query_").append(i).append(": ").append(queries.get(i).source());
      legend.append('\n');
    }
    Path file =
        MonitoringFiles.write(
            MonitoringFiles.workDirectory("dashboards").resolve("dashboard-queries.rules.yaml"),
            Map.of("groups", List.of(Map.of("name", "dashboard-queries", "rules", rules))));

    Promtool.Result result = Promtool.checkRules(file);

    assertThat(result.succeeded()).as(result.output() + "\n" + legend).isTrue();
    assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
  }

  @Test
  void theOperatorPlatformAndTenantDashboardsRenderAsConfigMapsForGrafanasSidecar()
      throws IOException {
    RenderedChart chart =
        RenderedChart.withValues(
            Map.of(
                "monitoring.dashboards.enabled",
                true,
                "monitoring.dashboards.annotations.grafana_folder",
                "Stevedore"));
    List<ConfigMap> dashboards =
        chart.all(ConfigMap.class).stream()
            .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
            .toList();

    assertThat(dashboards)
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "platform-stevedore-dashboard-operator",
            "platform-stevedore-dashboard-platform",
            "platform-stevedore-dashboard-tenant");
    Set<String> uids = new HashSet<>();
    for (ConfigMap configMap : dashboards) {
      assertThat(configMap.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
      assertThat(configMap.getMetadata().getAnnotations())
          .containsEntry("grafana_folder", "Stevedore");
      assertThat(configMap.getData()).hasSize(1);
      var entry = configMap.getData().entrySet().iterator().next();
      Path source = MonitoringFiles.dashboards().resolve(entry.getKey());
      assertThat(entry.getValue()).isEqualTo(Files.readString(source).strip());
      JsonNode dashboard = JSON.readTree(entry.getValue());
      assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(8);
      uids.add(dashboard.path("uid").asText());
    }
    assertThat(uids).hasSize(3);
  }

  @Test
  void dashboardsAreOffByDefaultAndCanGoToGrafanasNamespace() {
    assertThat(RenderedChart.withDefaults().all(ConfigMap.class)).isEmpty();

    RenderedChart chart =
        RenderedChart.withValues(
            Map.of(
                "monitoring.dashboards.enabled",
                true,
                "monitoring.dashboards.namespace",
                "grafana"));
    assertThat(chart.all(ConfigMap.class))
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.getMetadata().getNamespace()).isEqualTo("grafana"));
  }
}
