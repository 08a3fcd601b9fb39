package io.stevedore.runtime.testing;

import io.stevedore.contract.TenantQueues;
import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ, an SQS-compatible server, in this process on a free loopback port. */
public final class ElasticMq implements AutoCloseable {
  static {
    // The runtime uses the default credential chain; ElasticMQ accepts any credentials.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  private final SQSRestServer server;
  private final int port;
  private final SqsClient client;

  private ElasticMq() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    port = server.waitUntilStarted().localAddress().getPort();
    client =
        SqsClient.builder()
            .endpointOverride(URI.create(endpoint()))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
  }

  public static ElasticMq start() {
    return new ElasticMq();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public SqsClient client() {
    return client;
  }

  /** Creates a tenant's queue and DLQ with the redrive policy the operator sets. */
  public void createTenantQueues(TenantQueues queues) {
    String dlqUrl =
        client.createQueue(r -> r.queueName(TenantQueues.sqsName(queues.deadLetter()))).queueUrl();
    String dlqArn =
        client
            .getQueueAttributes(
                r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    client.createQueue(
        r ->
            r.queueName(TenantQueues.sqsName(queues.main()))
                .attributes(
                    Map.of(
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\""
                            + dlqArn
                            + "\",\"maxReceiveCount\":\""
                            + TenantQueues.SQS_MAX_RECEIVE_COUNT
                            + "\"}")));
  }

  public String url(String queue) {
    return client.getQueueUrl(r -> r.queueName(TenantQueues.sqsName(queue))).queueUrl();
  }

  @Override
  public void close() {
    client.close();
    server.stopAndWait();
  }
}
