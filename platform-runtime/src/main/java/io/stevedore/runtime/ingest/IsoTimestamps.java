package io.stevedore.runtime.ingest;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Parses event timestamps: ISO-8601 date-times with a zone offset. The shape devices send
 * (`2025-05-01T12:00:00[.fraction](Z|+02:00)`) is read directly, since java.time's formatter was a
 * fifth of ingest's CPU time; anything else goes to {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME},
 * which decides.
 */
final class IsoTimestamps {
  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private static final long FIRST_SECOND_OF_YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
  private static final long LAST_SECOND_OF_YEAR_9999 =
      LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;

  /** The longest text {@link #format(Instant, byte[], int)} writes (a year beyond 9999). */
  static final int MAX_FORMATTED_LENGTH = 40;

  private IsoTimestamps() {}

  /**
   * The instant {@code text} names.
   *
   * @throws DateTimeException if it is not an ISO-8601 date-time with an offset
   */
  static Instant parse(String text) {
    // Characters beyond Latin-1 become '?', which is never part of the common shape.
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    Instant instant = parseCommonShape(bytes, 0, bytes.length);
    return instant != null
        ? instant
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
  }

  /** The same text as {@code instant.toString()}. */
  static String format(Instant instant) {
    byte[] text = new byte[MAX_FORMATTED_LENGTH];
    int length = format(instant, text, 0);
    return new String(text, 0, length, StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes {@code instant.toString()} as ASCII into {@code out} from {@code at}, which has room for
   * {@link #MAX_FORMATTED_LENGTH} bytes; returns where it ends.
   */
  static int format(Instant instant, byte[] out, int at) {
    long epochSecond = instant.getEpochSecond();
    if (epochSecond < FIRST_SECOND_OF_YEAR_0 || epochSecond > LAST_SECOND_OF_YEAR_9999) {
      byte[] text = instant.toString().getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(text, 0, out, at, text.length);
      return at + text.length;
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
    put(out, at, date.getYear(), 4);
    out[at + 4] = '-';
    put(out, at + 5, date.getMonthValue(), 2);
    out[at + 7] = '-';
    put(out, at + 8, date.getDayOfMonth(), 2);
    out[at + 10] = 'T';
    put(out, at + 11, secondOfDay / 3_600, 2);
    out[at + 13] = ':';
    put(out, at + 14, secondOfDay / 60 % 60, 2);
    out[at + 16] = ':';
    put(out, at + 17, secondOfDay % 60, 2);
    int end = at + 19;
    int nanos = instant.getNano();
    if (nanos != 0) {
      // As Instant.toString: milli-, micro- or nanoseconds, whichever is exact.
      out[end++] = '.';
      if (nanos % 1_000_000 == 0) {
        put(out, end, nanos / 1_000_000, 3);
        end += 3;
      } else if (nanos % 1_000 == 0) {
        put(out, end, nanos / 1_000, 6);
        end += 6;
      } else {
        put(out, end, nanos, 9);
        end += 9;
      }
    }
    out[end++] = 'Z';
    return end;
  }

  /**
   * Whether {@code s[from, to)}, of the common shape and naming {@code instant}, is already the
   * text {@link #format} writes for it: a `T`, UTC as `Z`, and as many fraction digits as it would
   * use.
   */
  static boolean isFormatted(byte[] s, int from, int to, Instant instant) {
    int nanos = instant.getNano();
    int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    int length = "2025-05-01T12:00:00Z".length() + (fraction == 0 ? 0 : 1 + fraction);
    return to - from == length && s[from + 10] == 'T' && s[to - 1] == 'Z';
  }

  /** Writes {@code value} as {@code digits} decimal digits at {@code start}. */
  private static void put(byte[] text, int start, int value, int digits) {
    for (int i = start + digits - 1; i >= start; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * The instant that the ASCII text {@code s[from, to)} names, or null when it is not of the common
   * shape or not a valid time.
   */
  static Instant parseCommonShape(byte[] s, int from, int to) {
    int length = to - from;
    if (length < 20
        || s[from + 4] != '-'
        || s[from + 7] != '-'
        || (s[from + 10] != 'T' && s[from + 10] != 't')
        || s[from + 13] != ':'
        || s[from + 16] != ':') {
      return null;
    }
    int year = digits(s, from, 4);
    int month = digits(s, from + 5, 2);
    int day = digits(s, from + 8, 2);
    int hour = digits(s, from + 11, 2);
    int minute = digits(s, from + 14, 2);
    int second = digits(s, from + 17, 2);
    int i = from + 19;
    int nanos = 0;
    if (s[i] == '.') {
      int start = ++i;
      while (i < to && s[i] >= '0' && s[i] <= '9') {
        i++;
      }
      int fractionDigits = i - start;
      if (fractionDigits == 0 || fractionDigits > 9) {
        return null;
      }
      nanos = digits(s, start, fractionDigits) * POWERS_OF_TEN[9 - fractionDigits];
    }
    int offsetSeconds = offsetSeconds(s, i, to);
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      long epochSecond = epochDay * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds;
      return Instant.ofEpochSecond(epochSecond, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The offset that makes up the rest of {@code s} from {@code i} to {@code to}, or MIN_VALUE. */
  private static int offsetSeconds(byte[] s, int i, int to) {
    int rest = to - i;
    if (rest == 1 && (s[i] == 'Z' || s[i] == 'z')) {
      return 0;
    }
    if (rest != 6 || s[i + 3] != ':' || (s[i] != '+' && s[i] != '-')) {
      return Integer.MIN_VALUE;
    }
    int hours = digits(s, i + 1, 2);
    int minutes = digits(s, i + 4, 2);
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    return s[i] == '-' ? -seconds : seconds;
  }

  /** The decimal number of {@code count} digits at {@code start}, or -1 if one is not a digit. */
  private static int digits(byte[] s, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      byte c = s[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
