package io.stevedore.sandbox.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The stand-ins answer a client built from their endpoint, and are gone once closed. */
class LocalAwsTest {

  @Test
  void dynamoDbServesTablesAtItsEndpointUntilClosed() {
    String endpoint;
    try (var dynamo = LocalDynamoDb.start();
        var other = LocalAws.client(DynamoDbClient.builder(), dynamo.endpoint()).build()) {
      endpoint = dynamo.endpoint();
      dynamo
          .client()
          .createTable(
              t ->
                  t.tableName("things")
                      .attributeDefinitions(
                          a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                      .keySchema(k -> k.attributeName("id").keyType("HASH"))
                      .billingMode("PAY_PER_REQUEST"));

      assertThat(other.listTables().tableNames()).containsExactly("things");
    }
    try (var after = LocalAws.client(DynamoDbClient.builder(), endpoint).build()) {
      assertThatThrownBy(after::listTables).isInstanceOf(SdkClientException.class);
    }
  }

  @Test
  void sqsServesQueuesAtItsEndpointUntilClosed() {
    String endpoint;
    try (var sqs = LocalSqs.start();
        var other = LocalAws.client(SqsClient.builder(), sqs.endpoint()).build()) {
      endpoint = sqs.endpoint();
      String url = sqs.client().createQueue(q -> q.queueName("work")).queueUrl();
      other.sendMessage(m -> m.queueUrl(url).messageBody("hello"));

      assertThat(sqs.client().receiveMessage(r -> r.queueUrl(url)).messages())
          .singleElement()
          .satisfies(m -> assertThat(m.body()).isEqualTo("hello"));
    }
    try (var after = LocalAws.client(SqsClient.builder(), endpoint).build()) {
      assertThatThrownBy(after::listQueues).isInstanceOf(SdkClientException.class);
    }
  }
}
