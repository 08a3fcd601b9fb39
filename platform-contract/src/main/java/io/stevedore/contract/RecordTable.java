package io.stevedore.contract;

/**
 * Layout of a tenant's DynamoDB table: one item per event, keyed so that a redelivered event
 * overwrites itself (idempotent) and a device's events read back in time order.
 */
public final class RecordTable {
  /** Partition key: the device id. */
  public static final String DEVICE_ID = "deviceId";

  /** Sort key: the event's timestamp (ISO-8601, UTC, millisecond precision) + "#" + event id. */
  public static final String TIME_EVENT = "timeEvent";

  /** Expiry (epoch seconds) for DynamoDB TTL, from the tenant's retention days. */
  public static final String EXPIRES_AT = "expiresAt";

  public static final String EVENT_ID = "eventId";
  public static final String TYPE = "type";
  public static final String TIMESTAMP = "timestamp";
  public static final String PAYLOAD = "payload";
  public static final String RECEIVED_AT = "receivedAt";

  private RecordTable() {}

  /** The table of {@code tenant} under the environment's {@code prefix}. */
  public static String name(String prefix, String namespace, String tenant) {
    return prefix + namespace + "." + tenant;
  }

  /** The sort-key value of an event; ISO instants sort as strings in time order. */
  public static String timeEvent(String isoTimestamp, String eventId) {
    return isoTimestamp + "#" + eventId;
  }
}
