package io.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real Prometheus that {@code sandbox --prometheus} runs (Debian's binary): it loads the
 * chart's rules, scrapes the pods it is pointed at with the PodMonitor's labels, and its alert API
 * reaches the live view. A local endpoint stands in for a worker that reports a tenant not Ready
 * and an open circuit, so the rules go pending within one evaluation.
 */
class SandboxPrometheusIT {

  @Test
  void loadsTheChartsRulesScrapesThePodsAndReportsTheirAlerts() throws Exception {
    HttpServer pod = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] exposition =
        """
        # TYPE stevedore_tenant_ready gauge
        stevedore_tenant_ready{namespace="shop",tenant="acme"} 0
        # TYPE stevedore_worker_circuit_state gauge
        stevedore_worker_circuit_state{dependency="mysql"} 2
        """
            .getBytes(StandardCharsets.UTF_8);
    pod.createContext(
        "/actuator/prometheus",
        exchange -> {
          exchange.sendResponseHeaders(200, exposition.length);
          try (var out = exchange.getResponseBody()) {
            out.write(exposition);
          }
        });
    pod.start();
    Path runs = Files.createTempDirectory("runs");
    var record = RunRecord.begin(runs);
    Path rules =
        io.stevedore.operator.api.RepositoryPaths.root()
            .resolve("helm/stevedore/monitoring/alerts.rules.yaml");
    try (var prometheus =
        SandboxPrometheus.start(
            Files.createTempDirectory("prometheus"), rules, pod.getAddress().getPort(), record)) {
      assertThat(record.pods()).hasSize(1);
      Pod worker =
          new PodBuilder()
              .withNewMetadata()
              .withNamespace("shop")
              .withName("standard-workers-1")
              .withLabels(
                  Map.of(
                      "app.kubernetes.io/component", "worker",
                      "stevedore.io/worker-pool", "standard"))
              .endMetadata()
              .build();
      URI address = URI.create("http://127.0.0.1:" + pod.getAddress().getPort());
      prometheus.scrape(List.of(worker), p -> Optional.of(address));

      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(prometheus.alerts())
                      .anySatisfy(
                          alert -> {
                            assertThat(alert.name()).isEqualTo("StevedoreWorkerCircuitOpen");
                            assertThat(alert.state()).isEqualTo("pending");
                            assertThat(alert.labels())
                                .containsEntry("namespace", "shop")
                                .containsEntry("pod", "standard-workers-1")
                                .containsEntry("dependency", "mysql");
                          })
                      .anySatisfy(
                          alert -> {
                            assertThat(alert.name()).isEqualTo("StevedoreTenantNotReady");
                            assertThat(alert.labels()).containsEntry("tenant", "acme");
                          }));
      String view = SandboxPrometheus.render(prometheus.url(), prometheus.alerts());
      assertThat(view)
          .contains("ALERTS (Prometheus " + prometheus.url())
          .containsPattern("pending +StevedoreWorkerCircuitOpen");
    } finally {
      pod.stop(0);
    }
    assertThat(record.pods()).isEmpty();
  }
}
