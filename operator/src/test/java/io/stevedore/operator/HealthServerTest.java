package io.stevedore.operator;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.sandbox.EmbeddedKubernetes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The kubelet's probes: /healthz and /readyz answer 200 once the operator runs. */
class HealthServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void probesAnswerOkWhileTheOperatorRuns() throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0);
        var operator =
            StevedoreOperator.start(
                kubernetes.client(), OperatorSettings.embedded("probed").withHealthPort(0))) {
      eventually().until(operator::isLeading);
      assertThat(get(operator.healthPort(), "/readyz")).isEqualTo(200);
      eventually()
          .untilAsserted(() -> assertThat(get(operator.healthPort(), "/healthz")).isEqualTo(200));
    }
  }

  private int get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
