package io.stevedore.sandbox.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local, in memory, in this process on a free loopback port: reached over HTTP as the
 * operator and the runtime reach DynamoDB (an endpoint override), so other processes can use it.
 */
public final class LocalDynamoDb implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;
  private final DynamoDbClient client;

  private LocalDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
    this.client = LocalAws.client(DynamoDbClient.builder(), endpoint()).build();
  }

  /** Starts it; clients using the default credential chain get keys it accepts. */
  public static LocalDynamoDb start() {
    LocalAws.offerDefaultCredentials();
    int port = LocalAws.freePort();
    try {
      var server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {
                "-inMemory", "-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"
              });
      server.start();
      return new LocalDynamoDb(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A client of this DynamoDB (closed with it). */
  public DynamoDbClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    }
  }
}
