package io.stevedore.sandbox.aws;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ, an SQS-compatible server, in this process on a free loopback port. */
public final class LocalSqs implements AutoCloseable {
  private final SQSRestServer server;
  private final int port;
  private final SqsClient client;

  private LocalSqs() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    port = server.waitUntilStarted().localAddress().getPort();
    client = LocalAws.client(SqsClient.builder(), endpoint()).build();
  }

  /** Starts it; clients using the default credential chain get keys it accepts. */
  public static LocalSqs start() {
    LocalAws.offerDefaultCredentials();
    return new LocalSqs();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** A client of this SQS (closed with it). */
  public SqsClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.stopAndWait();
  }
}
