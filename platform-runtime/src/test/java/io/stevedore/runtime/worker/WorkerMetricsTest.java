package io.stevedore.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stevedore.contract.TenantDirectory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue-wait histogram as Prometheus scrapes it: the buckets the chart's SLO alerts read. */
class WorkerMetricsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final TenantDirectory.Entry ACME = tenant("acme");
  private static final TenantDirectory.Entry GLOBEX = tenant("globex");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final WorkerMetrics metrics = new WorkerMetrics(registry);

  @Test
  void aBatchAcceptedFortyFiveSecondsAgoIsWithinSixtyButNotThirtySeconds() {
    metrics.queueWait(ACME, NOW.minusSeconds(45), NOW);

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains(bucket("acme", "30.0") + " 0")
        .contains(bucket("acme", "60.0") + " 1")
        .contains(bucket("acme", "900.0") + " 1")
        .contains(bucket("acme", "+Inf") + " 1")
        .contains(
            "stevedore_worker_queue_wait_seconds_count{namespace=\"fleet\",tenant=\"acme\"} 1");
  }

  @Test
  void eachTenantHasItsOwnHistogram() {
    metrics.queueWait(ACME, NOW.minusSeconds(2), NOW);
    metrics.queueWait(GLOBEX, NOW.minusSeconds(600), NOW);
    metrics.queueWait(GLOBEX, NOW.minusSeconds(1000), NOW);

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains(bucket("acme", "1.0") + " 0")
        .contains(bucket("acme", "5.0") + " 1")
        .contains(bucket("globex", "300.0") + " 0")
        .contains(bucket("globex", "900.0") + " 1")
        .contains(bucket("globex", "+Inf") + " 2");
  }

  @Test
  void aWaitThatClockSkewMakesNegativeCountsAsNone() {
    metrics.queueWait(ACME, NOW.plusSeconds(4), NOW);

    assertThat(registry.scrape())
        .contains(bucket("acme", "1.0") + " 1")
        .contains(
            "stevedore_worker_queue_wait_seconds_sum{namespace=\"fleet\",tenant=\"acme\"} 0.0");
  }

  private static String bucket(String tenant, String le) {
    return "stevedore_worker_queue_wait_seconds_bucket{namespace=\"fleet\",tenant=\""
        + tenant
        + "\",le=\""
        + le
        + "\"}";
  }

  private static TenantDirectory.Entry tenant(String name) {
    return new TenantDirectory.Entry(
        name, "fleet", "tenant.fleet." + name, "t-fleet." + name, 100, 30, List.of(), false);
  }
}
