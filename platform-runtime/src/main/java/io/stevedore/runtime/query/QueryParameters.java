package io.stevedore.runtime.query;

import io.stevedore.runtime.web.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The query API's shared parameters: instants, time ranges and page sizes, or a 4xx problem. */
final class QueryParameters {
  private QueryParameters() {}

  /** A time range, from inclusive, to exclusive. */
  record Range(Instant from, Instant to) {
    Duration length() {
      return Duration.between(from, to);
    }
  }

  /**
   * The range {@code from}..{@code to} (defaults: to = {@code now}, from = to - {@code
   * defaultLength}); 422 when unparsable or empty, 400 when longer than {@code maxLength}.
   */
  static Range range(
      String from, String to, Instant now, Duration defaultLength, Duration maxLength) {
    Instant end = to == null ? now : instant("to", to);
    Instant start = from == null ? end.minus(defaultLength) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ApiProblem.invalid(
          "from must be before to",
          List.of(new ApiProblem.FieldError("/from", "must be before to (" + end + ")")));
    }
    var range = new Range(start, end);
    if (maxLength != null && range.length().compareTo(maxLength) > 0) {
      throw ApiProblem.rangeTooLarge(
          "from " + start + " to " + end + " is longer than the " + maxLength + " this API reads");
    }
    return range;
  }

  /** The page size: {@code defaultLimit} when absent, 422 outside 1..{@code max}. */
  static int limit(Integer limit, int defaultLimit, int max) {
    int pageSize = limit == null ? defaultLimit : limit;
    if (pageSize < 1 || pageSize > max) {
      throw ApiProblem.invalid(
          "limit out of range",
          List.of(new ApiProblem.FieldError("/limit", "must be between 1 and " + max)));
    }
    return pageSize;
  }

  /** 422 for a cursor this API did not hand out. */
  static ApiProblem invalidCursor(IllegalArgumentException e) {
    return ApiProblem.invalid(
        "invalid cursor", List.of(new ApiProblem.FieldError("/cursor", e.getMessage())));
  }

  private static Instant instant(String parameter, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(
          "invalid " + parameter,
          List.of(
              new ApiProblem.FieldError(
                  "/" + parameter, "must be an ISO-8601 instant, e.g. 2026-11-22T10:00:00Z")));
    }
  }
}
