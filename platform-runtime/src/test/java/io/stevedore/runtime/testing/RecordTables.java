package io.stevedore.runtime.testing;

import io.stevedore.contract.RecordTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Tenant record tables as the operator provisions them (key layout from the contract). */
public final class RecordTables {
  private RecordTables() {}

  public static void create(DynamoDbClient client, String name) {
    client.createTable(
        t ->
            t.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName(RecordTable.DEVICE_ID)
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName(RecordTable.TIME_EVENT)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName(RecordTable.DEVICE_ID)
                        .keyType(KeyType.HASH)
                        .build(),
                    KeySchemaElement.builder()
                        .attributeName(RecordTable.TIME_EVENT)
                        .keyType(KeyType.RANGE)
                        .build()));
  }
}
