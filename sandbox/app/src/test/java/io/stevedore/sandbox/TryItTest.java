package io.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TryItTest {
  private static final Instant AT = Instant.parse("2026-12-07T14:30:05.123Z");
  private static final TryIt.Target STAGING =
      new TryIt.Target("staging", "RabbitMQ", "acme", TryIt.local(41234), "stv_key1");
  private static final TryIt.Target QUEUED =
      new TryIt.Target("staging-sqs", "SQS", "umbrella", TryIt.local(41235), "stv_key2");

  @Test
  void addressesAreIngestsEventsAndTheDevicesEventsSinceTheEventsSecond() {
    var addresses = TryIt.addresses(TryIt.local(41234), AT);

    assertThat(addresses.ingest()).isEqualTo(URI.create("http://127.0.0.1:41234/"));
    assertThat(addresses.events()).isEqualTo(URI.create("http://127.0.0.1:41234/v1/events"));
    assertThat(addresses.deviceEvents())
        .isEqualTo(
            URI.create(
                "http://127.0.0.1:41234/v1/devices/try-it/events?from=2026-12-07T14:30:05Z"));
    assertThat(addresses.dashboard()).contains(URI.create("http://127.0.0.1:41234/dashboard"));
  }

  @Test
  void aDashboardPathBecomesADashboardLineUnderIngest() {
    var addresses = TryIt.addresses(TryIt.local(41234), AT, Optional.of("/dashboard/"));
    assertThat(addresses.dashboard()).contains(URI.create("http://127.0.0.1:41234/dashboard/"));

    assertThat(TryIt.render(List.of(STAGING), AT, Optional.of("dashboard")))
        .contains("  Dashboard: http://127.0.0.1:41234/dashboard");
    assertThat(TryIt.render(List.of(STAGING), AT, Optional.empty())).doesNotContain("Dashboard");
  }

  @Test
  void eachEnvironmentGetsItsKeyAPostAndAReadBack() {
    String block = TryIt.render(List.of(STAGING, QUEUED), AT);

    assertThat(block.lines())
        .containsSubsequence(
            "Try it (the query API is on ingest's port):",
            "  Environment staging (RabbitMQ), tenant acme",
            "  Ingest:  http://127.0.0.1:41234/",
            "  Dashboard: http://127.0.0.1:41234/dashboard",
            "  API key: stv_key1   (Secret tenant-acme, key apiKey)",
            "  curl -sS -X POST 'http://127.0.0.1:41234/v1/events'"
                + " -H 'Authorization: Bearer stv_key1' -H 'Content-Type: application/json'"
                + " -d '{\"events\":[{\"deviceId\":\"try-it\",\"eventId\":\"try-it-staging-1796653805\","
                + "\"timestamp\":\"2026-12-07T14:30:05Z\",\"type\":\"location\","
                + "\"payload\":{\"latitude\":52.37,\"longitude\":4.89}}]}'",
            "  curl -sS 'http://127.0.0.1:41234/v1/devices/try-it/events?from=2026-12-07T14:30:05Z'"
                + " -H 'Authorization: Bearer stv_key1'",
            "  Environment staging-sqs (SQS), tenant umbrella",
            "  API key: stv_key2   (Secret tenant-umbrella, key apiKey)");
  }

  @Test
  void nothingToTryPrintsNothing() {
    assertThat(TryIt.render(List.of(), AT)).isEmpty();
  }
}
