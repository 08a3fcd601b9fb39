package io.stevedore.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void readsTheIngestCountersAsMicrometerWritesThem() throws Exception {
    String text;
    try (var metrics = new MicrometerIngestMetrics()) {
      metrics.events("acme", "accepted", 120);
      metrics.events("acme", "unavailable", 3);
      metrics.events("globex", "rate_limited", 7);
      text =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(metrics.uri() + "/actuator/prometheus"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    }

    var samples = PrometheusText.samples(text, IngestCounters.METRIC);

    assertThat(samples).hasSize(3);
    assertThat(samples)
        .filteredOn(s -> s.labels().get("outcome").equals("unavailable"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.value()).isEqualTo(3.0);
              assertThat(s.labels()).containsEntry("tenant", "acme");
            });
  }

  @Test
  void skipsCommentsOtherMetricsAndLongerNamesAndUnescapesLabels() {
    String text =
        """
        # HELP stevedore_ingest_events_total Events
        # TYPE stevedore_ingest_events_total counter
        stevedore_ingest_events_total{outcome="accepted",tenant="a \\"quoted\\" name"} 5.0
        stevedore_ingest_events_total_extra{outcome="accepted"} 99
        stevedore_ingest_events_total 2 1700000000000
        jvm_threads_live_threads 31.0
        """;

    var samples = PrometheusText.samples(text, "stevedore_ingest_events_total");

    assertThat(samples).extracting(PrometheusText.Sample::value).containsExactly(5.0, 2.0);
    assertThat(samples.get(0).labels()).containsEntry("tenant", "a \"quoted\" name");
  }
}
