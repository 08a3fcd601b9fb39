package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0}s -> {1}")
  @CsvSource({
    "-5, <invalid>",
    "-1, 0s",
    "0, 0s",
    "45, 45s",
    "119, 119s",
    "120, 2m",
    "200, 3m20s",
    "600, 10m",
    "7199, 119m",
    "10800, 3h",
    "11000, 3h3m",
    "36000, 10h",
    "172800, 2d",
    "180000, 2d2h",
    "864000, 10d",
    "63072000, 2y",
    "64000000, 2y10d",
    "315360000, 10y",
  })
  void agesReadAsKubectlPrintsThem(long seconds, String expected) {
    assertThat(HumanDuration.of(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @Test
  void agesOfTimestamps() {
    Instant now = Instant.parse("2026-12-02T12:00:00Z");
    assertThat(HumanDuration.since("2026-12-02T11:55:00Z", now)).isEqualTo("5m");
    assertThat(HumanDuration.since("yesterday", now)).isEqualTo("<invalid>");
  }
}
