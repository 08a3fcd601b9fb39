package io.stevedore.runtime.testing;

import io.stevedore.contract.SqsQueueNames;
import io.stevedore.contract.TenantQueues;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A tenant's SQS queues as the operator provisions them. */
public final class TenantSqsQueues {
  private TenantSqsQueues() {}

  /** Creates a tenant's queue and DLQ with the redrive policy the operator sets. */
  public static void create(SqsClient client, SqsQueueNames queues) {
    String dlqUrl = client.createQueue(r -> r.queueName(queues.deadLetter())).queueUrl();
    String dlqArn =
        client
            .getQueueAttributes(
                r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    client.createQueue(
        r ->
            r.queueName(queues.main())
                .attributes(
                    Map.of(
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\""
                            + dlqArn
                            + "\",\"maxReceiveCount\":\""
                            + TenantQueues.SQS_MAX_RECEIVE_COUNT
                            + "\"}")));
  }

  /** The URL of an SQS queue. */
  public static String url(SqsClient client, String queue) {
    return client.getQueueUrl(r -> r.queueName(queue)).queueUrl();
  }
}
