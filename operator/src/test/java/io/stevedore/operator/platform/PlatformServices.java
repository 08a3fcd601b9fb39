package io.stevedore.operator.platform;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.broker.LocalRabbit;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.DriverManager;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The real services the platform runs on, on this machine: RabbitMQ and MariaDB (set up by
 * `./stevedore test`) and DynamoDB Local in this process. Provisions what the operator does not
 * provision yet (queues, tables).
 */
final class PlatformServices implements AutoCloseable {
  static final String MYSQL_USER = "stevedore";
  static final String MYSQL_PASSWORD = "stevedore";

  private final String database =
      "stevedore_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final DynamoDBProxyServer dynamo;
  private final int dynamoPort;
  private final DynamoDbClient dynamoClient;

  PlatformServices() throws Exception {
    sql("CREATE DATABASE " + database);
    try (var socket = new ServerSocket(0)) {
      dynamoPort = socket.getLocalPort();
    }
    dynamo =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {
              "-inMemory", "-sharedDb", "-port", String.valueOf(dynamoPort), "-disableTelemetry"
            });
    dynamo.start();
    dynamoClient =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(dynamoEndpoint()))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
  }

  String jdbcUrl() {
    return "jdbc:mysql://127.0.0.1:3306/" + database;
  }

  String dynamoEndpoint() {
    return "http://127.0.0.1:" + dynamoPort;
  }

  DynamoDbClient dynamo() {
    return dynamoClient;
  }

  /** Declares a tenant's queues as the contract says (what the operator will provision). */
  void declareQueues(TenantQueues queues) throws Exception {
    LocalRabbit.declareTenantQueues(queues);
  }

  void deleteQueues(TenantQueues queues) throws Exception {
    LocalRabbit.deleteTenantQueues(queues);
  }

  void createRecordTable(String name) {
    dynamoClient.createTable(
        t ->
            t.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a ->
                        a.attributeName(RecordTable.DEVICE_ID).attributeType(ScalarAttributeType.S),
                    a ->
                        a.attributeName(RecordTable.TIME_EVENT)
                            .attributeType(ScalarAttributeType.S))
                .keySchema(
                    k -> k.attributeName(RecordTable.DEVICE_ID).keyType(KeyType.HASH),
                    k -> k.attributeName(RecordTable.TIME_EVENT).keyType(KeyType.RANGE)));
  }

  @Override
  public void close() throws Exception {
    dynamoClient.close();
    dynamo.stop();
    sql("DROP DATABASE IF EXISTS " + database);
  }

  private static void sql(String statement) throws Exception {
    try (var connection =
            DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:3306/", MYSQL_USER, MYSQL_PASSWORD);
        var sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }
}
