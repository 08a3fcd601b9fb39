package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.SqsQueueNames;
import io.stevedore.contract.TenantQueues;
import io.stevedore.sandbox.aws.LocalSqs;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Dead-letter redrive against ElasticMQ, the sandbox's SQS. */
class SqsDeadLetterRedriveIT {
  private static LocalSqs elasticMq;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    elasticMq = LocalSqs.start();
    sqs = elasticMq.client();
  }

  @AfterAll
  static void stop() {
    elasticMq.close();
  }

  @Test
  void movesEveryDeadLetterOnceWithFreshAttemptsAndStopsAtItsOwnToken() throws Exception {
    var queues =
        TenantQueues.onSqs(
            SqsQueueNames.of("ns", "t" + UUID.randomUUID().toString().substring(0, 8)));
    String main = create(queues.main());
    String dlq = create(queues.deadLetter());
    for (int i = 0; i < 12; i++) {
      send(dlq, "dead " + i, null);
    }
    var redrive = new SqsDeadLetterRedrive(sqs);

    var batch = redrive.moveBatch(queues, "r1", 100);

    assertThat(batch).isEqualTo(new DeadLetterRedrive.Batch(12, 0, true));
    List<Message> moved = receiveAll(main);
    assertThat(moved).extracting(Message::body).hasSize(12).doesNotHaveDuplicates();
    assertThat(moved)
        .allSatisfy(
            m -> {
              assertThat(m.messageAttributes())
                  .doesNotContainKeys(TenantQueues.ATTEMPTS_HEADER, TenantQueues.FAILURE_HEADER)
                  .containsKey(TenantQueues.TENANT_HEADER);
              assertThat(m.messageAttributes().get(DeadLetterRedrive.TOKEN_HEADER).stringValue())
                  .isEqualTo("r1");
            });

    // One of them fails again and comes back: the same redrive leaves it there.
    send(dlq, "dead again", "r1");
    assertThat(redrive.moveBatch(queues, "r1", 100))
        .isEqualTo(new DeadLetterRedrive.Batch(0, 1, true));
  }

  private static String create(String queue) {
    return sqs.createQueue(r -> r.queueName(queue)).queueUrl();
  }

  private static void send(String url, String body, String token) {
    var attributes = new java.util.HashMap<String, MessageAttributeValue>();
    attributes.put(TenantQueues.ATTEMPTS_HEADER, number(TenantQueues.MAX_ATTEMPTS));
    attributes.put(TenantQueues.FAILURE_HEADER, text("table missing"));
    attributes.put(TenantQueues.TENANT_HEADER, text("acme"));
    if (token != null) {
      attributes.put(DeadLetterRedrive.TOKEN_HEADER, text(token));
    }
    sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageAttributes(attributes));
  }

  private static List<Message> receiveAll(String url) {
    List<Message> all = new ArrayList<>();
    List<Message> got;
    do {
      got =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(url)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(1)
                          .messageAttributeNames("All"))
              .messages();
      all.addAll(got);
    } while (!got.isEmpty());
    return all;
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static MessageAttributeValue number(int value) {
    return MessageAttributeValue.builder()
        .dataType("Number")
        .stringValue(String.valueOf(value))
        .build();
  }
}
