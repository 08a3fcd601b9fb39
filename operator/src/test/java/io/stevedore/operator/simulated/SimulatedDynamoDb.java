package io.stevedore.operator.simulated;

import io.stevedore.contract.RecordTable;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * DynamoDB in memory, for the calls the operator makes on tenant tables: a table is ACTIVE as soon
 * as it is created (as DynamoDB Local's are), creating one that exists is ResourceInUse, a missing
 * one is ResourceNotFound, and a conditional put of an item that exists fails as DynamoDB's does
 * (the owner item is written once). Every other call is unsupported.
 */
public final class SimulatedDynamoDb implements DynamoDbClient {
  private static final class Table {
    final Instant created = Instant.now();
    final Map<String, Map<String, AttributeValue>> items = new ConcurrentHashMap<>();
    volatile boolean ttl;
  }

  private final Map<String, Table> tables = new ConcurrentHashMap<>();

  @Override
  public CreateTableResponse createTable(CreateTableRequest request) {
    var table = new Table();
    if (tables.putIfAbsent(request.tableName(), table) != null) {
      throw ResourceInUseException.builder()
          .message("Table already exists: " + request.tableName())
          .build();
    }
    return CreateTableResponse.builder()
        .tableDescription(describe(request.tableName(), table))
        .build();
  }

  @Override
  public DescribeTableResponse describeTable(DescribeTableRequest request) {
    return DescribeTableResponse.builder()
        .table(describe(request.tableName(), table(request.tableName())))
        .build();
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    var item = table(request.tableName()).items.get(key(request.key()));
    return item == null
        ? GetItemResponse.builder().build()
        : GetItemResponse.builder().item(item).build();
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    var items = table(request.tableName()).items;
    String key = key(request.item());
    // The operator's only condition is attribute_not_exists(<hash key>): "no such item yet".
    if (request.conditionExpression() != null) {
      if (items.putIfAbsent(key, Map.copyOf(request.item())) != null) {
        throw ConditionalCheckFailedException.builder()
            .message("The conditional request failed")
            .build();
      }
    } else {
      items.put(key, Map.copyOf(request.item()));
    }
    return PutItemResponse.builder().build();
  }

  @Override
  public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
    table(request.tableName()).ttl = request.timeToLiveSpecification().enabled();
    return UpdateTimeToLiveResponse.builder()
        .timeToLiveSpecification(request.timeToLiveSpecification())
        .build();
  }

  @Override
  public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
    boolean ttl = table(request.tableName()).ttl;
    return DescribeTimeToLiveResponse.builder()
        .timeToLiveDescription(
            d ->
                d.timeToLiveStatus(ttl ? TimeToLiveStatus.ENABLED : TimeToLiveStatus.DISABLED)
                    .attributeName(ttl ? RecordTable.EXPIRES_AT : null))
        .build();
  }

  @Override
  public DeleteTableResponse deleteTable(DeleteTableRequest request) {
    var table = tables.remove(request.tableName());
    if (table == null) {
      throw notFound(request.tableName());
    }
    return DeleteTableResponse.builder()
        .tableDescription(describe(request.tableName(), table))
        .build();
  }

  /** How many tables exist. */
  public int count() {
    return tables.size();
  }

  /** Deletes a table out of band (as a person with the account's rights would). */
  public void deleteOutOfBand(String table) {
    tables.remove(table);
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}

  private Table table(String name) {
    var table = tables.get(name);
    if (table == null) {
      throw notFound(name);
    }
    return table;
  }

  private static TableDescription describe(String name, Table table) {
    return TableDescription.builder()
        .tableName(name)
        .tableStatus(TableStatus.ACTIVE)
        .creationDateTime(table.created)
        .build();
  }

  private static ResourceNotFoundException notFound(String table) {
    return ResourceNotFoundException.builder()
        .message("Requested resource not found: Table: " + table + " not found")
        .build();
  }

  private static String key(Map<String, AttributeValue> item) {
    return item.get(RecordTable.DEVICE_ID).s() + "\u0000" + item.get(RecordTable.TIME_EVENT).s();
  }
}
