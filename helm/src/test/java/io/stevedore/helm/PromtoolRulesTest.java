package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The chart's PrometheusRule, rendered as a user installs it, checked and unit-tested by
 * Prometheus' own promtool (helm/src/test/promtool/alerts.test.yaml: series in, alerts out).
 */
class PromtoolRulesTest {
  private static final Path UNIT_TESTS =
      ChartPaths.repoRoot().resolve("helm/src/test/promtool/alerts.test.yaml");
  private static final RenderedChart DEFAULTS =
      RenderedChart.withValues(Map.of("monitoring.prometheusRule.enabled", true));

  @Test
  void renderedRulesPassPromtoolCheck() {
    Path rules = renderedRuleFile(DEFAULTS, "check");

    Promtool.Result result = Promtool.checkRules(rules);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS: " + allRules(DEFAULTS).size() + " rules found");
  }

  @Test
  void everyAlertPassesItsPromtoolUnitTests() throws IOException {
    Path rules = renderedRuleFile(DEFAULTS, "unit");
    Path tests =
        Files.copy(
            UNIT_TESTS,
            rules.resolveSibling("alerts.test.yaml"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Promtool.Result result = Promtool.testRules(tests);

    assertThat(result.succeeded()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasAUnitTestWhereItFiresAndOneWhereItMustNot() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> file =
        MonitoringFiles.SERIALIZATION.unmarshal(Files.readString(UNIT_TESTS), Map.class);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> cases =
        ((List<Map<String, Object>>) file.get("tests"))
            .stream()
                .flatMap(t -> ((List<Map<String, Object>>) t.get("alert_rule_test")).stream())
                .toList();

    for (String alert : alerts(DEFAULTS)) {
      assertThat(cases)
          .as("a case where %s fires", alert)
          .anyMatch(c -> alert.equals(c.get("alertname")) && !expected(c).isEmpty());
      assertThat(cases)
          .as("a case where %s must not fire", alert)
          .anyMatch(c -> alert.equals(c.get("alertname")) && expected(c).isEmpty());
    }
  }

  @Test
  void everyAlertHasASeveritySummaryDescriptionAndARunbookSection() throws IOException {
    String runbook = Files.readString(MonitoringFiles.runbook());
    List<Map<String, Object>> alerts =
        allRules(DEFAULTS).stream().filter(r -> r.containsKey("alert")).toList();
    assertThat(alerts).hasSize(12);

    for (Map<String, Object> alert : alerts) {
      String name = (String) alert.get("alert");
      assertThat(map(alert, "labels")).as(name).containsKey("severity");
      Map<String, Object> annotations = map(alert, "annotations");
      assertThat(annotations).as(name).containsKeys("summary", "description");
      assertThat(annotations.get("runbook_url"))
          .as(name)
          .isEqualTo(
              "https://github.com/stevedore-io/stevedore/blob/main/docs/runbook.md#"
                  + name.toLowerCase(Locale.ROOT));
      assertThat(runbook).as("docs/runbook.md section of " + name).contains("\n## " + name + "\n");
    }
  }

  @Test
  void objectiveTargetNotReadyDurationAndRunbookComeFromValues() {
    // A values file: helm's --set turns 0.999 into a string, which the schema refuses.
    RenderedChart chart =
        RenderedChart.withValuesYaml(
            """
            monitoring:
              prometheusRule:
                enabled: true
                labels: {release: kube-prometheus-stack}
                runbookUrl: https://runbooks.example/stevedore
                backlogAge: {objectiveSeconds: 30, target: 0.999}
                tenantNotReadyFor: 45m
            """);

    assertThat(rule(chart, "stevedore:workerpool_backlog_age_over_objective").get("expr"))
        .isEqualTo(
            "max by (namespace, workerpool) (stevedore_workerpool_oldest_message_age_seconds)"
                + " > bool 30");
    assertThat(
            (String)
                rule(chart, "stevedore:tenant_queue_wait_over_objective:ratio_rate1h").get("expr"))
        .contains("stevedore_worker_queue_wait_seconds_bucket{le=\"30.0\"}[1h]")
        .doesNotContain("OBJECTIVE_SECONDS");
    assertThat((String) rule(chart, "StevedoreTenantQueueWaitBudgetBurnSlow").get("expr"))
        .contains("> (3 * (1 - 0.999))");
    assertThat((String) rule(chart, "StevedoreBacklogAgeBudgetBurnFast").get("expr"))
        .contains("> (14.4 * (1 - 0.999))")
        .doesNotContain("ERROR_BUDGET");
    assertThat(rule(chart, "StevedoreTenantNotReady").get("for")).isEqualTo("45m");
    assertThat(map(rule(chart, "StevedoreWorkerCircuitOpen"), "annotations").get("runbook_url"))
        .isEqualTo("https://runbooks.example/stevedore#stevedoreworkercircuitopen");
    assertThat(
            chart.objects().stream()
                .filter(o -> "PrometheusRule".equals(o.getKind()))
                .findFirst()
                .orElseThrow()
                .getMetadata()
                .getLabels())
        .containsEntry("release", "kube-prometheus-stack");
    Promtool.Result check = Promtool.checkRules(renderedRuleFile(chart, "values"));
    assertThat(check.succeeded()).as(check.output()).isTrue();
  }

  @Test
  void anObjectiveThatIsNotABucketOfTheQueueWaitHistogramIsRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.withValuesYaml(
                    """
                    monitoring:
                      prometheusRule:
                        enabled: true
                        backlogAge: {objectiveSeconds: 45, target: 0.99}
                    """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("objectiveSeconds");
  }

  private static Path renderedRuleFile(RenderedChart chart, String name) {
    Path dir = MonitoringFiles.workDirectory(name);
    return MonitoringFiles.write(
        dir.resolve("stevedore.rules.yaml"), MonitoringFiles.ruleFile(chart));
  }

  private static List<Map<String, Object>> allRules(RenderedChart chart) {
    return MonitoringFiles.rules(MonitoringFiles.ruleFile(chart));
  }

  private static List<String> alerts(RenderedChart chart) {
    return allRules(chart).stream()
        .map(r -> (String) r.get("alert"))
        .filter(Objects::nonNull)
        .toList();
  }

  private static Map<String, Object> rule(RenderedChart chart, String name) {
    return allRules(chart).stream()
        .filter(r -> name.equals(r.get("alert")) || name.equals(r.get("record")))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  private static List<?> expected(Map<String, Object> testCase) {
    Object alerts = testCase.get("exp_alerts");
    return alerts == null ? List.of() : (List<?>) alerts;
  }
}
