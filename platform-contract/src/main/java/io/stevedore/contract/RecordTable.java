package io.stevedore.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Layout of a tenant's DynamoDB table: one item per event, keyed so that a redelivered event
 * overwrites itself (idempotent) and a device's events read back in time order.
 */
public final class RecordTable {
  /** Partition key: the device id. */
  public static final String DEVICE_ID = "deviceId";

  /**
   * Device ids starting with this are the platform's own items (the table's owner record), so
   * ingest refuses them and the query API never reads them.
   */
  public static final String RESERVED_DEVICE_PREFIX = "#";

  /** The partition of the item that records which Tenant the table was made for. */
  public static final String OWNER_DEVICE = RESERVED_DEVICE_PREFIX + "stevedore";

  /** Sort key: the event's timestamp (ISO-8601, UTC, millisecond precision) + "#" + event id. */
  public static final String TIME_EVENT = "timeEvent";

  /** Expiry (epoch seconds) for DynamoDB TTL, from the tenant's retention days. */
  public static final String EXPIRES_AT = "expiresAt";

  public static final String EVENT_ID = "eventId";
  public static final String TYPE = "type";
  public static final String TIMESTAMP = "timestamp";
  public static final String PAYLOAD = "payload";
  public static final String RECEIVED_AT = "receivedAt";

  /** Fixed width, so that timestamps sort as strings in time order (Instant.toString does not). */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private RecordTable() {}

  /** Whether {@code deviceId} names one of the platform's own items rather than a device. */
  public static boolean reservedDevice(String deviceId) {
    return deviceId.startsWith(RESERVED_DEVICE_PREFIX);
  }

  /** The stored form of a timestamp: UTC, millisecond precision, fixed width. */
  public static String timestamp(Instant instant) {
    return SORTABLE.format(instant);
  }

  /** The sort-key value of an event. */
  public static String timeEvent(Instant timestamp, String eventId) {
    return timeEvent(timestamp(timestamp), eventId);
  }

  /** The table of {@code tenant} under the environment's {@code prefix}. */
  public static String name(String prefix, String namespace, String tenant) {
    return prefix + namespace + "." + tenant;
  }

  /** The sort-key value of an event whose timestamp is already in {@link #timestamp} form. */
  public static String timeEvent(String isoTimestamp, String eventId) {
    return isoTimestamp + "#" + eventId;
  }
}
