package io.stevedore.runtime.query;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.web.ApiKeyAuthentication;
import io.stevedore.runtime.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * `GET /v1/devices/{deviceId}/events`: a device's stored events for the calling tenant only; 404
 * for a device the tenant has no event of.
 */
@RestController
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
public class QueryController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

  private final ApiKeyAuthentication authentication;
  private final EventQuery query;
  private final Clock clock;

  public QueryController(ApiKeyAuthentication authentication, DynamoDbClient dynamo, Clock clock) {
    this.authentication = authentication;
    this.query = new EventQuery(dynamo);
    this.clock = clock;
  }

  @GetMapping("/v1/devices/{deviceId}/events")
  public EventPage events(
      @RequestHeader HttpHeaders headers,
      @PathVariable String deviceId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    var tenant = authentication.tenant(headers);
    if (RecordTable.reservedDevice(deviceId)) {
      throw ApiProblem.notFound("No events of device " + deviceId);
    }
    var range =
        QueryParameters.range(from, to, Instant.now(clock), DEFAULT_WINDOW, /* maxLength */ null);
    int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    EventPage page;
    try {
      page = query.find(tenant, deviceId, range.from(), range.to(), type, pageSize, cursor);
    } catch (IllegalArgumentException e) {
      throw QueryParameters.invalidCursor(e);
    }
    // Another tenant's device and a device nobody has get the same answer (as agent config does).
    if (page.events().isEmpty() && !query.hasDevice(tenant, deviceId)) {
      throw ApiProblem.notFound("No events of device " + deviceId);
    }
    return page;
  }
}
