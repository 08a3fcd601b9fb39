package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's metrics Service, and the ServiceMonitor and PodMonitor that scrape Stevedore. */
class MonitorsTemplateTest {
  private static final RenderedChart MONITORS_ON =
      RenderedChart.withValues(
          Map.of(
              "monitoring.serviceMonitor.enabled",
              true,
              "monitoring.serviceMonitor.labels.release",
              "kube-prometheus-stack",
              "monitoring.podMonitor.enabled",
              true,
              "monitoring.podMonitor.interval",
              "15s"));

  @Test
  void monitoringObjectsAreOffByDefault() {
    assertThat(RenderedChart.withDefaults().objects())
        .extracting(HasMetadata::getKind)
        .doesNotContain("PrometheusRule", "ServiceMonitor", "PodMonitor");
  }

  @Test
  void theMetricsServiceReachesTheOperatorsHealthPort() {
    RenderedChart chart = RenderedChart.withDefaults();
    Service service = chart.single(Service.class);

    assertThat(service.getMetadata().getName()).isEqualTo("platform-stevedore-metrics");
    assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    var port = service.getSpec().getPorts().get(0);
    assertThat(port.getName()).isEqualTo("metrics");
    assertThat(chart.operatorContainer().getPorts())
        .anySatisfy(
            p -> {
              assertThat(p.getName()).isEqualTo(port.getTargetPort().getStrVal());
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
  }

  @Test
  void theServiceMonitorSelectsTheMetricsServiceInTheReleaseNamespace() {
    GenericKubernetesResource monitor = single(MONITORS_ON, "ServiceMonitor");
    Service service = MONITORS_ON.single(Service.class);

    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    Map<String, Object> selected = map(map(spec(monitor), "selector"), "matchLabels");
    assertThat(selected).isNotEmpty();
    selected.forEach(
        (key, value) ->
            assertThat(service.getMetadata().getLabels()).containsEntry(key, (String) value));
    assertThat(map(spec(monitor), "namespaceSelector"))
        .isEqualTo(Map.of("matchNames", List.of(RenderedChart.NAMESPACE)));
    Map<String, Object> endpoint = list(spec(monitor), "endpoints").get(0);
    assertThat(endpoint)
        .containsEntry("port", "metrics")
        .containsEntry("path", "/metrics")
        .containsEntry("honorLabels", true);
  }

  @Test
  void thePodMonitorScrapesTheOperatorsPlatformPodsEverywhereOrInTheWatchedNamespaces() {
    GenericKubernetesResource monitor = single(MONITORS_ON, "PodMonitor");

    // The labels the operator gives ingest and worker pods (kube/Labels).
    assertThat(map(map(spec(monitor), "selector"), "matchLabels"))
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/name", "stevedore-platform",
                "app.kubernetes.io/managed-by", "stevedore-operator"));
    assertThat(map(spec(monitor), "namespaceSelector")).isEqualTo(Map.of("any", true));
    Map<String, Object> endpoint = list(spec(monitor), "podMetricsEndpoints").get(0);
    assertThat(endpoint)
        .containsEntry("port", "management")
        .containsEntry("path", "/actuator/prometheus")
        .containsEntry("interval", "15s");
    assertThat(list(endpoint, "relabelings"))
        .extracting(r -> r.get("targetLabel"))
        .containsExactly("component", "environment", "workerpool");

    GenericKubernetesResource watching =
        single(
            RenderedChart.withValues(
                Map.of(
                    "monitoring.podMonitor.enabled", true,
                    "watchNamespaces[0]", "a",
                    "watchNamespaces[1]", "b")),
            "PodMonitor");
    assertThat(map(spec(watching), "namespaceSelector"))
        .isEqualTo(Map.of("matchNames", List.of("a", "b")));
  }

  private static GenericKubernetesResource single(RenderedChart chart, String kind) {
    List<GenericKubernetesResource> matching =
        chart.all(GenericKubernetesResource.class).stream()
            .filter(o -> kind.equals(o.getKind()))
            .toList();
    assertThat(matching).as(kind).hasSize(1);
    return matching.get(0);
  }

  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return map(resource.getAdditionalProperties(), "spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return (List<Map<String, Object>>) parent.get(key);
  }
}
