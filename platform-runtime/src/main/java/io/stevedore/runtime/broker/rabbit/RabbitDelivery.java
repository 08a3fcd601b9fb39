package io.stevedore.runtime.broker.rabbit;

import com.rabbitmq.client.AMQP;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.Delivery;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message from a tenant queue on RabbitMQ. A failure is republished (confirmed) to the next retry
 * queue, or to the dead-letter queue after the last attempt, before the original is acked; if the
 * broker does not confirm the copy, the original is requeued instead, so it is never lost.
 */
final class RabbitDelivery implements Delivery {
  private static final Logger log = LoggerFactory.getLogger(RabbitDelivery.class);
  private static final int MAX_REASON_LENGTH = 1000;

  private final RabbitQueueConsumer consumer;
  private final long deliveryTag;
  private final AMQP.BasicProperties properties;
  private final byte[] body;
  private final int attempt;
  private final AtomicBoolean settled = new AtomicBoolean();

  RabbitDelivery(
      RabbitQueueConsumer consumer,
      long deliveryTag,
      AMQP.BasicProperties properties,
      byte[] body) {
    this.consumer = consumer;
    this.deliveryTag = deliveryTag;
    this.properties = properties;
    this.body = body;
    this.attempt = attempt(properties);
  }

  @Override
  public TenantDirectory.Entry tenant() {
    return consumer.tenant();
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public void ack() {
    if (settle()) {
      consumer.ack(deliveryTag);
    }
  }

  @Override
  public void fail(String reason) {
    if (!settle()) {
      return;
    }
    TenantDirectory.Entry tenant = consumer.tenant();
    TenantQueues queues = TenantQueues.of(tenant.namespace(), tenant.name());
    boolean last = attempt >= TenantQueues.MAX_ATTEMPTS;
    String target = last ? queues.deadLetter() : queues.retryQueueAfter(attempt);
    if (consumer.forwarder().forward(target, failed(last ? attempt : attempt + 1, reason), body)) {
      consumer.ack(deliveryTag);
    } else {
      log.warn("Could not move a failed message to {}: requeued it instead", target);
      consumer.requeue(deliveryTag);
    }
  }

  @Override
  public void release() {
    if (settle()) {
      consumer.requeue(deliveryTag);
    }
  }

  private boolean settle() {
    if (settled.compareAndSet(false, true)) {
      return true;
    }
    log.warn("Delivery {} of {} settled twice; ignored", deliveryTag, consumer.tenant().queue());
    return false;
  }

  /** The message's properties for its next queue: attempts counted, the reason attached. */
  private AMQP.BasicProperties failed(int attempts, String reason) {
    Map<String, Object> headers =
        properties.getHeaders() == null ? new HashMap<>() : new HashMap<>(properties.getHeaders());
    headers.put(TenantQueues.ATTEMPTS_HEADER, attempts);
    headers.put(
        TenantQueues.FAILURE_HEADER,
        reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason);
    // A per-message TTL would fight the delay queue's; the copy must survive a broker restart.
    return properties.builder().headers(headers).expiration(null).deliveryMode(2).build();
  }

  /** The attempt a message is on, from its attempts header; 1 when absent or unreadable. */
  static int attempt(AMQP.BasicProperties properties) {
    Object value =
        properties.getHeaders() == null
            ? null
            : properties.getHeaders().get(TenantQueues.ATTEMPTS_HEADER);
    if (value instanceof Number number) {
      return Math.max(1, number.intValue());
    }
    if (value != null) {
      try {
        return Math.max(1, Integer.parseInt(value.toString().trim()));
      } catch (NumberFormatException e) {
        return 1;
      }
    }
    return 1;
  }
}
