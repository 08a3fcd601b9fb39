package io.stevedore.runtime.query;

import io.stevedore.runtime.broker.BrokerUnavailableException;
import io.stevedore.runtime.broker.QueueDepths;
import io.stevedore.runtime.config.StevedoreProperties;
import io.stevedore.runtime.web.ApiKeyAuthentication;
import io.stevedore.runtime.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * `GET /v1/dashboard/...`: what the tenant's dashboard shows, for the tenant of the API key only:
 * its devices, its events per minute and type, its latest events, and its queues' depths. Nothing
 * here scans a table: every read is a Query on a key range or a read by key.
 */
@RestController
@RequestMapping("/v1/dashboard")
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
public class DashboardController {
  private static final Logger log = LoggerFactory.getLogger(DashboardController.class);

  static final int DEFAULT_DEVICES = 50;
  static final int MAX_DEVICES = 100;
  static final int DEFAULT_EVENTS = 20;
  static final int MAX_EVENTS = 100;
  static final Duration DEFAULT_RANGE = Duration.ofHours(1);

  /** The longest range one request reads: 1,440 minutes, at most two day partitions. */
  static final Duration MAX_RANGE = Duration.ofDays(1);

  private final ApiKeyAuthentication authentication;
  private final DeviceListQuery devices;
  private final EventCountsQuery counts;
  private final LatestEventsQuery latest;
  private final QueueDepths queueDepths;
  private final Clock clock;
  private final Duration maxClockSkew;

  public DashboardController(
      ApiKeyAuthentication authentication,
      DynamoDbClient dynamo,
      QueueDepths queueDepths,
      Clock clock,
      StevedoreProperties properties) {
    this.authentication = authentication;
    this.devices = new DeviceListQuery(dynamo);
    this.counts = new EventCountsQuery(dynamo);
    this.latest = new LatestEventsQuery(dynamo);
    this.queueDepths = queueDepths;
    this.clock = clock;
    this.maxClockSkew = properties.ingest().maxClockSkew();
  }

  /** The tenant's devices in id order, each with its newest event's time. */
  @GetMapping("/devices")
  public DevicePage devices(
      @RequestHeader HttpHeaders headers,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    var tenant = authentication.tenant(headers);
    int pageSize = QueryParameters.limit(limit, DEFAULT_DEVICES, MAX_DEVICES);
    try {
      return devices.find(tenant, pageSize, cursor);
    } catch (IllegalArgumentException e) {
      throw QueryParameters.invalidCursor(e);
    }
  }

  /** Stored events per minute and type, from ≤ minute < to (default: the last hour). */
  @GetMapping("/counts")
  public EventCounts counts(
      @RequestHeader HttpHeaders headers,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    var tenant = authentication.tenant(headers);
    var range = QueryParameters.range(from, to, Instant.now(clock), DEFAULT_RANGE, MAX_RANGE);
    return counts.find(tenant, range.from(), range.to());
  }

  /**
   * The newest stored events across devices, newest first, from ≤ timestamp < to (default: the last
   * day, up to the clock skew ingest accepts ahead of now).
   */
  @GetMapping("/events")
  public EventPage events(
      @RequestHeader HttpHeaders headers,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    var tenant = authentication.tenant(headers);
    Instant end = Instant.now(clock).plus(maxClockSkew);
    var range = QueryParameters.range(from, to, end, MAX_RANGE, MAX_RANGE);
    int pageSize = QueryParameters.limit(limit, DEFAULT_EVENTS, MAX_EVENTS);
    try {
      return latest.find(tenant, range.from(), range.to(), pageSize, cursor);
    } catch (IllegalArgumentException e) {
      throw QueryParameters.invalidCursor(e);
    }
  }

  /** The tenant's batches waiting on the broker: ready, waiting for a retry, dead-lettered. */
  @GetMapping("/queue")
  public QueueDepths.QueueDepth queue(@RequestHeader HttpHeaders headers) {
    var tenant = authentication.tenant(headers);
    try {
      return queueDepths.of(tenant);
    } catch (BrokerUnavailableException e) {
      log.warn("Queue depths unavailable: {}", e.getMessage());
      throw ApiProblem.unavailable("The broker did not answer", Duration.ofSeconds(5));
    }
  }
}
