package io.stevedore.runtime.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An RFC 9457 problem the API answers with: a stable `type`, a title, what was wrong in `detail`,
 * and for invalid input the list of `errors`, each with a JSON pointer into the request.
 */
public final class ApiProblem extends ErrorResponseException {
  private static final String TYPES = "https://stevedore.io/problems/";

  /** One thing wrong with the request body. */
  public record FieldError(String pointer, String detail) {}

  private ApiProblem(HttpStatus status, String type, String title, String detail) {
    super(status, problem(status, type, title, detail), null);
  }

  public static ApiProblem invalid(String detail, List<FieldError> errors) {
    var problem =
        new ApiProblem(
            HttpStatus.UNPROCESSABLE_CONTENT, "invalid-events", "Invalid events", detail);
    problem.getBody().setProperty("errors", errors);
    return problem;
  }

  public static ApiProblem malformed(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail);
  }

  /** A time range longer than the endpoint reads: ask for a shorter one. */
  public static ApiProblem rangeTooLarge(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "range-too-large", "Range too large", detail);
  }

  public static ApiProblem tooLarge(String detail) {
    return new ApiProblem(
        HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", detail);
  }

  public static ApiProblem unauthorized(String detail) {
    var problem = new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stevedore\"");
    return problem;
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
  }

  public static ApiProblem rateLimited(String detail, Duration retryAfter) {
    var problem =
        new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Rate limit exceeded", detail);
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, seconds(retryAfter));
    return problem;
  }

  /** The platform could not take the data now; nothing was stored, the client should retry. */
  public static ApiProblem unavailable(String detail, Duration retryAfter) {
    var problem =
        new ApiProblem(
            HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable", detail);
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, seconds(retryAfter));
    return problem;
  }

  private static String seconds(Duration duration) {
    return String.valueOf(Math.max(1, (duration.toMillis() + 999) / 1000));
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    problem.setTitle(title);
    return problem;
  }
}
