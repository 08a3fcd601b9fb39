package io.stevedore.runtime.broker.sqs;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.broker.BrokerUnavailableException;
import io.stevedore.runtime.broker.QueueDepths;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Queue depths from SQS's approximate counts of the main and dead-letter queues. */
public class SqsQueueDepths implements QueueDepths {
  private final SqsClient sqs;
  private final SqsQueueUrls urls;

  public SqsQueueDepths(SqsClient sqs) {
    this.sqs = sqs;
    this.urls = new SqsQueueUrls(sqs);
  }

  @Override
  public QueueDepth of(TenantDirectory.Entry tenant) {
    try {
      var main = attributes(urls.main(tenant));
      var deadLetter = attributes(urls.deadLetter(tenant));
      return new QueueDepth(
          count(main, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
          count(main, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
              + count(main, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
          count(deadLetter, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    } catch (SdkException e) {
      urls.forget(tenant);
      throw new BrokerUnavailableException("SQS did not answer for queue depths: " + e, e);
    }
  }

  private Map<QueueAttributeName, String> attributes(String url) {
    return sqs.getQueueAttributes(
            r ->
                r.queueUrl(url)
                    .attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .attributes();
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    return Long.parseLong(attributes.getOrDefault(name, "0"));
  }
}
