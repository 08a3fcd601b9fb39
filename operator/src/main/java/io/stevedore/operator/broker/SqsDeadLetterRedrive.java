package io.stevedore.operator.broker;

import io.stevedore.contract.TenantQueues;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Dead-letter redrive on SQS (StartMessageMoveTask would keep the receive count and attributes, and
 * local stand-ins lack it): receive from the dead-letter queue, send a copy to the main queue, and
 * delete the original only once the send succeeded. A message that carries this redrive's token is
 * made visible again and ends the batch.
 */
public final class SqsDeadLetterRedrive implements DeadLetterRedrive {
  /** Long enough to send a received message before it may be received again. */
  private static final int VISIBILITY_SECONDS = 30;

  private final SqsClient sqs;

  public SqsDeadLetterRedrive(SqsClient sqs) {
    this.sqs = sqs;
  }

  @Override
  public Batch moveBatch(TenantQueues queues, String token, int limit) throws BrokerException {
    return SqsTenantQueues.call(
        () -> {
          String dlq = url(queues.deadLetter());
          String main = url(queues.main());
          int moved = 0;
          boolean finished = false;
          while (moved < limit && !finished) {
            int count = Math.min(10, limit - moved);
            var received =
                sqs.receiveMessage(
                        r ->
                            r.queueUrl(dlq)
                                .maxNumberOfMessages(count)
                                // A short poll may miss messages; an empty long poll means none.
                                .waitTimeSeconds(1)
                                .visibilityTimeout(VISIBILITY_SECONDS)
                                .messageAttributeNames("All"))
                    .messages();
            finished = received.isEmpty();
            for (Message message : received) {
              if (token.equals(attribute(message, TOKEN_HEADER))) {
                sqs.changeMessageVisibility(
                    r ->
                        r.queueUrl(dlq)
                            .receiptHandle(message.receiptHandle())
                            .visibilityTimeout(0));
                finished = true;
                continue;
              }
              sqs.sendMessage(
                  r ->
                      r.queueUrl(main)
                          .messageBody(message.body())
                          .messageAttributes(redriven(message.messageAttributes(), token)));
              sqs.deleteMessage(r -> r.queueUrl(dlq).receiptHandle(message.receiptHandle()));
              moved++;
            }
          }
          long remaining =
              Long.parseLong(
                  sqs.getQueueAttributes(
                          r ->
                              r.queueUrl(dlq)
                                  .attributeNames(
                                      QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                      .attributes()
                      .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
          return new Batch(moved, remaining, finished);
        });
  }

  /** The copy's attributes: retry attributes dropped, the redrive's token added. */
  static Map<String, MessageAttributeValue> redriven(
      Map<String, MessageAttributeValue> original, String token) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>(original);
    attributes.keySet().removeAll(RETRY_HEADERS);
    attributes.put(
        TOKEN_HEADER,
        MessageAttributeValue.builder().dataType("String").stringValue(token).build());
    return attributes;
  }

  private String url(String queue) {
    return sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
  }

  private static String attribute(Message message, String name) {
    MessageAttributeValue value = message.messageAttributes().get(name);
    return value == null ? null : value.stringValue();
  }
}
