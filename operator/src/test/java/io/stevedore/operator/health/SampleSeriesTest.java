package io.stevedore.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleSeriesTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} values {1} -> growth {2}")
  @CsvSource({
    "DEPTH,   0 3 5,      5",
    "DEPTH,   4 4 4,      0",
    "DEPTH,   5 2 6,      4", // consumed or purged in between: only the rises count
    "COUNTER, 10 15 25,   15",
    "COUNTER, 10 15 3 8,  13", // the pod restarted: 3 counts from zero
    "DEPTH,   7,          0", // one sample is only a baseline
  })
  void growthOfOneKeyOverEverySample(SampleSeries.Kind kind, String values, double growth) {
    var series = new SampleSeries(kind, Duration.ofHours(1));
    String[] parts = values.trim().split("\\s+");
    for (int i = 0; i < parts.length; i++) {
      series.add(T.plusSeconds(i), Map.of("q", Double.parseDouble(parts[i])), k -> null);
    }

    var result = series.since(T);

    assertThat(result.total()).isEqualTo(growth);
    assertThat(result.span()).isEqualTo(Duration.ofSeconds(parts.length - 1));
  }

  @Test
  void theWindowStartsAtTheLastSampleBeforeItsStart() {
    var series = new SampleSeries(SampleSeries.Kind.DEPTH, Duration.ofHours(1));
    series.add(T, Map.of("q", 0.0), k -> null);
    series.add(T.plusSeconds(10), Map.of("q", 4.0), k -> null);
    series.add(T.plusSeconds(20), Map.of("q", 6.0), k -> null);

    assertThat(series.since(T.plusSeconds(15)).total()).isEqualTo(2);
    assertThat(series.since(T.plusSeconds(15)).span()).isEqualTo(Duration.ofSeconds(10));
    assertThat(series.since(T.minusSeconds(60)).span()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aKeyThatStartedCountingAfterThePreviousSampleCountsFromZero() {
    var series = new SampleSeries(SampleSeries.Kind.COUNTER, Duration.ofHours(1));
    series.add(T, Map.of("old|accepted", 100.0), k -> T.minusSeconds(600));
    Map<String, Double> later = new LinkedHashMap<>();
    later.put("old|accepted", 110.0);
    later.put("new|accepted", 7.0); // a pod that started after the first sample
    later.put("known|accepted", 50.0); // a pod that ran before but was not scraped: a baseline
    series.add(
        T.plusSeconds(5), later, k -> k.startsWith("new") ? T.plusSeconds(2) : T.minusSeconds(600));

    var growth = series.since(T);

    assertThat(growth.byKey())
        .containsOnly(Map.entry("old|accepted", 10.0), Map.entry("new|accepted", 7.0));
  }

  @Test
  void samplesOlderThanTheRetentionAreDropped() {
    var series = new SampleSeries(SampleSeries.Kind.DEPTH, Duration.ofSeconds(30));
    for (int i = 0; i <= 100; i++) {
      series.add(T.plusSeconds(i), Map.of("q", (double) i), k -> null);
    }

    var all = series.since(T);

    assertThat(all.span()).isLessThanOrEqualTo(Duration.ofSeconds(31));
    assertThat(all.total()).isLessThanOrEqualTo(31);
  }
}
