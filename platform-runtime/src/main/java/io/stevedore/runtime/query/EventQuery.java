package io.stevedore.runtime.query;

import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Reads a device's events from its tenant's table, in time order, a page at a time. The table comes
 * from the caller's tenant entry, so one tenant can never address another's data.
 */
public class EventQuery {
  private final DynamoDbClient dynamo;

  public EventQuery(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /**
   * Events of {@code deviceId} with from ≤ timestamp < to, optionally of one type. With a type
   * filter a page may hold fewer than {@code limit} events and still have a next page.
   *
   * @param cursor where the previous page ended, or null for the first page
   */
  public EventPage find(
      TenantDirectory.Entry tenant,
      String deviceId,
      Instant from,
      Instant to,
      String type,
      int limit,
      String cursor) {
    Map<String, String> names =
        new HashMap<>(Map.of("#d", RecordTable.DEVICE_ID, "#t", RecordTable.TIME_EVENT));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":d", AttributeValue.fromS(deviceId));
    // Keys are "<fixed-width time>#<eventId>"; "<t>#" is below every key at t, so this is [from,
    // to).
    values.put(":from", AttributeValue.fromS(RecordTable.timeEvent(from, "")));
    values.put(":to", AttributeValue.fromS(RecordTable.timeEvent(to, "")));
    var request =
        QueryRequest.builder()
            .tableName(tenant.table())
            .keyConditionExpression("#d = :d AND #t BETWEEN :from AND :to")
            .limit(limit);
    if (type != null) {
      names.put("#type", RecordTable.TYPE);
      values.put(":type", AttributeValue.fromS(type));
      request.filterExpression("#type = :type");
    }
    if (cursor != null) {
      request.exclusiveStartKey(
          Map.of(
              RecordTable.DEVICE_ID, AttributeValue.fromS(deviceId),
              RecordTable.TIME_EVENT, AttributeValue.fromS(Cursors.decode(cursor))));
    }
    request.expressionAttributeNames(names).expressionAttributeValues(values);
    try {
      var response = dynamo.query(request.build());
      List<EventPage.StoredEvent> events =
          response.items().stream().map(EventQuery::event).toList();
      String next =
          response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
              ? Cursors.encode(response.lastEvaluatedKey().get(RecordTable.TIME_EVENT).s())
              : null;
      return new EventPage(events, next);
    } catch (ResourceNotFoundException e) {
      // Provisioned with the tenant; not there yet means nothing stored yet.
      return new EventPage(List.of(), null);
    }
  }

  /**
   * Whether the tenant's table holds any event of {@code deviceId}: one key read, so that a device
   * the tenant does not have answers 404 whether or not another tenant has one of that id.
   */
  public boolean hasDevice(TenantDirectory.Entry tenant, String deviceId) {
    var request =
        QueryRequest.builder()
            .tableName(tenant.table())
            .keyConditionExpression("#d = :d")
            .expressionAttributeNames(Map.of("#d", RecordTable.DEVICE_ID))
            .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))
            .projectionExpression("#d")
            .limit(1)
            .build();
    try {
      return dynamo.query(request).count() > 0;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  static EventPage.StoredEvent event(Map<String, AttributeValue> item) {
    Object payload = AttributeValues.toJava(item.get(RecordTable.PAYLOAD));
    return new EventPage.StoredEvent(
        string(item, RecordTable.DEVICE_ID),
        string(item, RecordTable.EVENT_ID),
        string(item, RecordTable.TIMESTAMP),
        string(item, RecordTable.TYPE),
        payload instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
        string(item, RecordTable.RECEIVED_AT));
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
