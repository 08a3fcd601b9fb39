package io.stevedore.runtime.storage;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.event.DeviceEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An event as an item of its tenant's record table ({@link RecordTable}): keyed by device and
 * timestamp#eventId, so that writing the same event again overwrites it.
 */
public final class RecordItems {
  private static final AttributeValue NULL = AttributeValue.fromNul(true);

  private RecordItems() {}

  /**
   * The item of {@code event}, received by ingest at {@code receivedAt}, expiring {@code
   * retentionDays} after the event (never when not positive).
   */
  public static Map<String, AttributeValue> item(
      DeviceEvent event, Instant receivedAt, int retentionDays) {
    String timestamp = RecordTable.timestamp(event.timestamp());
    Map<String, AttributeValue> item = new HashMap<>(16);
    item.put(RecordTable.DEVICE_ID, AttributeValue.fromS(event.deviceId()));
    item.put(
        RecordTable.TIME_EVENT,
        AttributeValue.fromS(RecordTable.timeEvent(timestamp, event.eventId())));
    item.put(RecordTable.EVENT_ID, AttributeValue.fromS(event.eventId()));
    item.put(RecordTable.TIMESTAMP, AttributeValue.fromS(timestamp));
    if (event.type() != null) {
      item.put(RecordTable.TYPE, AttributeValue.fromS(event.type()));
    }
    item.put(
        RecordTable.PAYLOAD,
        AttributeValue.fromM(event.payload() == null ? Map.of() : map(event.payload())));
    if (receivedAt != null) {
      item.put(RecordTable.RECEIVED_AT, AttributeValue.fromS(RecordTable.timestamp(receivedAt)));
    }
    if (retentionDays > 0) {
      long expiresAt = event.timestamp().plus(Duration.ofDays(retentionDays)).getEpochSecond();
      item.put(RecordTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
    }
    return item;
  }

  /** A JSON value (as decoded: String, Number, Boolean, List, Map or null) as an attribute. */
  static AttributeValue value(Object value) {
    if (value == null) {
      return NULL;
    } else if (value instanceof String s) {
      return AttributeValue.fromS(s);
    } else if (value instanceof Boolean b) {
      return AttributeValue.fromBool(b);
    } else if (value instanceof Integer || value instanceof Long) {
      return AttributeValue.fromN(value.toString());
    } else if (value instanceof Number n) {
      // Plain notation: 1.0E10 as 10000000000, as DynamoDB numbers are written.
      return AttributeValue.fromN(new BigDecimal(n.toString()).toPlainString());
    } else if (value instanceof Map<?, ?> m) {
      return AttributeValue.fromM(map(m));
    } else if (value instanceof List<?> list) {
      List<AttributeValue> values = new ArrayList<>(list.size());
      list.forEach(element -> values.add(value(element)));
      return AttributeValue.fromL(values);
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
  }

  private static Map<String, AttributeValue> map(Map<?, ?> map) {
    Map<String, AttributeValue> values = new HashMap<>(map.size() * 2);
    map.forEach((key, value) -> values.put(String.valueOf(key), value(value)));
    return values;
  }
}
