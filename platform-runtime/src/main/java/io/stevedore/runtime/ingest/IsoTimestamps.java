package io.stevedore.runtime.ingest;

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

  private IsoTimestamps() {}

  /**
   * The instant {@code text} names.
   *
   * @throws DateTimeException if it is not an ISO-8601 date-time with an offset
   */
  static Instant parse(String text) {
    Instant instant = parseCommonShape(text);
    return instant != null
        ? instant
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
  }

  /** The same text as {@code instant.toString()}. */
  static String format(Instant instant) {
    long epochSecond = instant.getEpochSecond();
    if (epochSecond < FIRST_SECOND_OF_YEAR_0 || epochSecond > LAST_SECOND_OF_YEAR_9999) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
    char[] text = new char[30];
    put(text, 0, date.getYear(), 4);
    text[4] = '-';
    put(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    put(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    put(text, 11, secondOfDay / 3_600, 2);
    text[13] = ':';
    put(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(text, 17, secondOfDay % 60, 2);
    int length = 19;
    int nanos = instant.getNano();
    if (nanos != 0) {
      // As Instant.toString: milli-, micro- or nanoseconds, whichever is exact.
      text[length++] = '.';
      if (nanos % 1_000_000 == 0) {
        put(text, length, nanos / 1_000_000, 3);
        length += 3;
      } else if (nanos % 1_000 == 0) {
        put(text, length, nanos / 1_000, 6);
        length += 6;
      } else {
        put(text, length, nanos, 9);
        length += 9;
      }
    }
    text[length++] = 'Z';
    return new String(text, 0, length);
  }

  /** Writes {@code value} as {@code digits} decimal digits at {@code start}. */
  private static void put(char[] text, int start, int value, int digits) {
    for (int i = start + digits - 1; i >= start; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The instant, or null when {@code s} is not of the common shape or not a valid time. */
  private static Instant parseCommonShape(String s) {
    int length = s.length();
    if (length < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < length && Character.isDigit(s.charAt(i))) {
        i++;
      }
      int fractionDigits = i - start;
      if (fractionDigits == 0 || fractionDigits > 9) {
        return null;
      }
      nanos = digits(s, start, fractionDigits) * POWERS_OF_TEN[9 - fractionDigits];
    }
    int offsetSeconds = offsetSeconds(s, i);
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

  /** The offset that makes up the rest of {@code s} from {@code i}, or MIN_VALUE if none. */
  private static int offsetSeconds(String s, int i) {
    int rest = s.length() - i;
    if (rest == 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
      return 0;
    }
    if (rest != 6 || s.charAt(i + 3) != ':' || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
      return Integer.MIN_VALUE;
    }
    int hours = digits(s, i + 1, 2);
    int minutes = digits(s, i + 4, 2);
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    return s.charAt(i) == '-' ? -seconds : seconds;
  }

  /** The decimal number of {@code count} digits at {@code start}, or -1 if one is not a digit. */
  private static int digits(String s, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
