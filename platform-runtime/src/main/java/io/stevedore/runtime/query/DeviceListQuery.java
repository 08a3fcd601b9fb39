package io.stevedore.runtime.query;

import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.storage.ActivityItems;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A tenant's devices, a page at a time, from the {@code #devices} partition the workers keep; each
 * with its newest event's timestamp (one key read per device on the page).
 */
class DeviceListQuery {
  private final DynamoDbClient dynamo;

  DeviceListQuery(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /**
   * @param cursor where the previous page ended, or null for the first page
   * @throws IllegalArgumentException for a cursor this API did not return
   */
  DevicePage find(TenantDirectory.Entry tenant, int limit, String cursor) {
    var request =
        QueryRequest.builder()
            .tableName(tenant.table())
            .keyConditionExpression("#d = :d")
            .expressionAttributeNames(Map.of("#d", RecordTable.DEVICE_ID))
            .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(ActivityItems.DEVICES)))
            .limit(limit);
    if (cursor != null) {
      request.exclusiveStartKey(
          Map.of(
              RecordTable.DEVICE_ID, AttributeValue.fromS(ActivityItems.DEVICES),
              RecordTable.TIME_EVENT, AttributeValue.fromS(Cursors.decode(cursor))));
    }
    try {
      var response = dynamo.query(request.build());
      List<DevicePage.Device> devices =
          response.items().stream()
              .map(item -> item.get(RecordTable.TIME_EVENT).s())
              .map(device -> new DevicePage.Device(device, lastEventAt(tenant, device)))
              .toList();
      String next =
          response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
              ? Cursors.encode(response.lastEvaluatedKey().get(RecordTable.TIME_EVENT).s())
              : null;
      return new DevicePage(devices, next);
    } catch (ResourceNotFoundException e) {
      return new DevicePage(List.of(), null);
    }
  }

  private String lastEventAt(TenantDirectory.Entry tenant, String device) {
    var newest =
        dynamo.query(
            QueryRequest.builder()
                .tableName(tenant.table())
                .keyConditionExpression("#d = :d")
                .expressionAttributeNames(
                    Map.of("#d", RecordTable.DEVICE_ID, "#ts", RecordTable.TIMESTAMP))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(device)))
                .projectionExpression("#ts")
                .scanIndexForward(false)
                .limit(1)
                .build());
    return newest.items().isEmpty() ? null : newest.items().get(0).get(RecordTable.TIMESTAMP).s();
  }
}
