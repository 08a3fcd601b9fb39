package io.stevedore.operator;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's probes: /healthz and /readyz answer 200 once the operator runs; /metrics serves the
 * autoscaler's metrics to Prometheus.
 */
class HealthServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void probesAnswerOkWhileTheOperatorRuns() throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var operator =
            StevedoreOperator.start(
                kubernetes.client(), OperatorSettings.embedded("probed").withHealthPort(0))) {
      eventually().until(operator::isLeading);
      assertThat(get(operator.healthPort(), "/readyz")).isEqualTo(200);
      eventually()
          .untilAsserted(() -> assertThat(get(operator.healthPort(), "/healthz")).isEqualTo(200));
    }
  }

  @Test
  void metricsTellEachPoolsReplicasDecisionsAndFailedObservations() throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var operator =
            StevedoreOperator.start(
                kubernetes.client(), OperatorSettings.embedded("scraped").withHealthPort(0))) {
      kubernetes.createNamespace("metrics");
      // No credentials Secret: every observation fails, and is counted.
      kubernetes.client().resource(Fixtures.environment("metrics", "staging")).create();
      kubernetes
          .client()
          .resource(Fixtures.workerPool("metrics", "standard", "staging", "standard"))
          .create();

      eventually()
          .untilAsserted(
              () -> {
                var response =
                    http.send(
                        HttpRequest.newBuilder(
                                URI.create(
                                    "http://127.0.0.1:" + operator.healthPort() + "/metrics"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
                assertThat(response.body())
                    .contains(
                        "stevedore_workerpool_replicas_desired{namespace=\"metrics\",workerpool=\"standard\"} 1")
                    .contains(
                        "stevedore_workerpool_scaling_decisions_total{namespace=\"metrics\",rule=\"SourceFailure\"")
                    .contains(
                        "stevedore_workerpool_scaling_observation_failures_total{kind=\"AuthFailed\",namespace=\"metrics\"")
                    .contains(
                        "stevedore_workerpool_scaling_tick_duration_seconds_count{namespace=\"metrics\",workerpool=\"standard\"}");
              });
    }
  }

  private int get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
