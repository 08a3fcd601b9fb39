package io.stevedore.runtime.broker.sqs;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A received SQS message. Retries are visibility timeouts (the message reappears after the retry
 * delay); the attempt is SQS's receive count; dead-lettering sends it to the DLQ with the reason.
 */
final class SqsDelivery implements Delivery {
  private final TenantDirectory.Entry tenant;
  private final Message message;
  private final SqsQueueConsumers.QueueOperations queue;
  private final AtomicBoolean settled = new AtomicBoolean();

  SqsDelivery(
      TenantDirectory.Entry tenant, Message message, SqsQueueConsumers.QueueOperations queue) {
    this.tenant = tenant;
    this.message = message;
    this.queue = queue;
  }

  @Override
  public TenantDirectory.Entry tenant() {
    return tenant;
  }

  @Override
  public byte[] body() {
    return message.body().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int attempt() {
    String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    return count == null ? 1 : Integer.parseInt(count);
  }

  String receiptHandle() {
    return message.receiptHandle();
  }

  boolean isSettled() {
    return settled.get();
  }

  @Override
  public void ack() {
    settle(() -> queue.delete(this));
  }

  @Override
  public void fail(String reason) {
    int attempt = attempt();
    if (attempt >= TenantQueues.MAX_ATTEMPTS) {
      settle(() -> queue.deadLetter(this, attempt, reason));
    } else {
      int seconds = (int) TenantQueues.RETRY_DELAYS.get(attempt - 1).toSeconds();
      settle(() -> queue.changeVisibility(this, seconds));
    }
  }

  @Override
  public void release() {
    settle(() -> queue.changeVisibility(this, 0));
  }

  Map<String, MessageAttributeValue> attributes() {
    return message.messageAttributes();
  }

  private void settle(Runnable action) {
    if (!settled.compareAndSet(false, true)) {
      throw new IllegalStateException("delivery " + message.messageId() + " was already settled");
    }
    try {
      action.run();
    } finally {
      queue.settled(this);
    }
  }
}
