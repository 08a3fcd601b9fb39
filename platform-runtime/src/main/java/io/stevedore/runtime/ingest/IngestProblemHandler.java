package io.stevedore.runtime.ingest;

import io.stevedore.runtime.web.ApiProblem;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the ingest API as an RFC 9457 problem: {@link ApiProblem}s, and Spring MVC's own
 * rejections (unsupported media type 415, method not allowed 405, unknown path 404, unreadable
 * parameters 400), so bad input never falls through to a 5xx or an HTML page.
 */
@RestControllerAdvice
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
class IngestProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(IngestProblemHandler.class);

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return handleErrorResponseException(
        ApiProblem.notFound("No such resource: " + ex.getResourcePath()),
        new HttpHeaders(),
        status,
        request);
  }

  /** MySQL unreachable: the client did nothing wrong and may retry. */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<Object> databaseUnavailable(DataAccessException ex, WebRequest request) {
    log.warn("Database unavailable: {}", ex.getMessage());
    ApiProblem problem =
        ApiProblem.unavailable("The configuration store is unavailable", Duration.ofSeconds(5));
    return handleErrorResponseException(
        problem, problem.getHeaders(), problem.getStatusCode(), request);
  }
}
