package io.stevedore.runtime.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.stevedore.contract.RecordTable;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB Local, in memory, on a free port of this machine, as the runtime reaches DynamoDB. */
public final class DynamoDbLocal implements AutoCloseable {
  static {
    // The runtime uses the default credential chain; DynamoDB Local accepts any credentials.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.region", "eu-west-1");
  }

  private final DynamoDBProxyServer server;
  private final int port;
  private final DynamoDbClient client;

  private DynamoDbLocal(int port) throws Exception {
    this.port = port;
    this.server =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {
              "-inMemory", "-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"
            });
    server.start();
    this.client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(endpoint()))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
  }

  public static DynamoDbLocal start() {
    try (var socket = new ServerSocket(0)) {
      int port = socket.getLocalPort();
      socket.close();
      return new DynamoDbLocal(port);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start", e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public DynamoDbClient client() {
    return client;
  }

  /** Creates a tenant record table as the operator provisions it (key layout from the contract). */
  public void createRecordTable(String name) {
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

  @Override
  public void close() {
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
