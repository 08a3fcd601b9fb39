package io.stevedore.runtime.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.broker.Delivery;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of one tenant queue, on a channel of its own (prefetch applies per channel). It
 * hands each message to the worker and settles it on that channel; once the channel is gone, the
 * broker redelivers whatever was not settled.
 */
final class RabbitQueueConsumer extends DefaultConsumer {
  private static final Logger log = LoggerFactory.getLogger(RabbitQueueConsumer.class);

  /** A settlement call on the channel. */
  private interface Settlement {
    void run() throws IOException;
  }

  private final TenantDirectory.Entry tenant;
  private final Consumer<Delivery> handler;
  private final RabbitDeliveryForwarder forwarder;
  private final AtomicInteger unsettled = new AtomicInteger();
  private volatile String tag;
  private volatile boolean alive = true;

  RabbitQueueConsumer(
      Channel channel,
      TenantDirectory.Entry tenant,
      Consumer<Delivery> handler,
      RabbitDeliveryForwarder forwarder) {
    super(channel);
    this.tenant = tenant;
    this.handler = handler;
    this.forwarder = forwarder;
  }

  /** Starts consuming the tenant's queue with manual acks. */
  void start(int prefetch) throws IOException {
    getChannel().basicQos(prefetch);
    tag = getChannel().basicConsume(tenant.queue(), false, this);
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    unsettled.incrementAndGet();
    var delivery = new RabbitDelivery(this, envelope.getDeliveryTag(), properties, body);
    try {
      handler.accept(delivery);
    } catch (RuntimeException | Error e) {
      // An exception here would close the channel; return the message instead.
      log.error("Worker refused a delivery from {}; requeued", tenant.queue(), e);
      delivery.release();
    }
  }

  @Override
  public void handleCancel(String consumerTag) {
    log.warn("Broker cancelled the consumer of {} (queue deleted?)", tenant.queue());
    alive = false;
  }

  @Override
  public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
    alive = false;
  }

  TenantDirectory.Entry tenant() {
    return tenant;
  }

  RabbitDeliveryForwarder forwarder() {
    return forwarder;
  }

  /** Whether it still receives messages (not cancelled, channel open). */
  boolean alive() {
    return alive && getChannel().isOpen();
  }

  /** Whether every message it handed out has been settled. */
  boolean idle() {
    return unsettled.get() == 0;
  }

  void ack(long deliveryTag) {
    settle(() -> getChannel().basicAck(deliveryTag, false));
  }

  void requeue(long deliveryTag) {
    settle(() -> getChannel().basicNack(deliveryTag, false, true));
  }

  /** Takes no more messages; those handed out can still be settled on the open channel. */
  void cancel() {
    if (alive() && tag != null) {
      try {
        getChannel().basicCancel(tag);
      } catch (IOException | AlreadyClosedException e) {
        log.debug("Cancel of {} failed: {}", tenant.queue(), e.getMessage());
      }
    }
    alive = false;
  }

  /** Closes the channel: the broker requeues what is still unsettled. */
  void close() {
    try {
      if (getChannel().isOpen()) {
        getChannel().close();
      }
    } catch (IOException | java.util.concurrent.TimeoutException | AlreadyClosedException e) {
      log.debug("Closing the channel of {} failed: {}", tenant.queue(), e.getMessage());
    }
  }

  private void settle(Settlement settlement) {
    try {
      settlement.run();
    } catch (IOException | AlreadyClosedException e) {
      // The channel is gone; the broker redelivers the message (processing is idempotent).
      log.debug("Could not settle a delivery of {}: {}", tenant.queue(), e.getMessage());
    } finally {
      unsettled.decrementAndGet();
    }
  }
}
