package io.stevedore.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written timestamp reader and writer agree with java.time on every input. */
class IsoTimestampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-05-01T12:00:00Z",
        "2025-05-01t12:00:00z",
        "2025-05-01T12:00:00.5Z",
        "2025-05-01T12:00:00.123456789Z",
        "2025-05-01T23:59:59.999+02:00",
        "2025-05-01T00:00:00-09:30",
        "2024-02-29T12:00:00Z",
        "0001-01-01T00:00:00+18:00",
        "2025-05-01T12:00Z",
        "2025-05-01T12:00:00.Z",
        "2025-05-01T12:00:00+01:00:30"
      })
  void readsValidTimestampsAsJavaTimeDoes(String text) {
    Instant expected = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);

    assertThat(IsoTimestamps.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-05-01T12:00:00",
        "2025-02-29T12:00:00Z",
        "2025-13-01T12:00:00Z",
        "2025-05-01T24:00:00Z",
        "2025-05-01T12:60:00Z",
        "2025-05-01T12:00:61Z",
        "2025-05-01T12:00:00.1234567890Z",
        "2025-05-01T12:00:00+19:00",
        "2025-05-01 12:00:00Z",
        "2025-5-01T12:00:00Z",
        "20x5-05-01T12:00:00Z",
        "1714564800",
        ""
      })
  void refusesWhatJavaTimeRefuses(String text) {
    assertThatThrownBy(() -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> IsoTimestamps.parse(text)).isInstanceOf(DateTimeException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "2025-05-01T12:00:00.100Z",
        "2025-05-01T12:00:00.000100Z",
        "2025-05-01T12:00:00.000000100Z",
        "2025-05-01T12:00:00.123456780Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "-0001-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z"
      })
  void writesTimestampsAsInstantToStringDoes(String text) {
    Instant instant = Instant.parse(text);

    assertThat(IsoTimestamps.format(instant)).isEqualTo(instant.toString());
  }

  @Test
  void writesRandomTimestampsAsInstantToStringDoes() {
    var random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      long second = random.nextLong(-62_167_219_200L, 253_402_300_800L);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(second, nanos);

      assertThat(IsoTimestamps.format(instant)).isEqualTo(instant.toString());
    }
  }
}
