package io.stevedore.runtime.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.stevedore.runtime.broker.BrokerUnavailableException;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One channel in confirm mode: follows each message it published until the broker acks it, nacks
 * it, returns it as unroutable (no such queue), or the channel closes; each ends its future.
 */
final class RabbitPublisherChannel implements ConfirmListener, ReturnListener, ShutdownListener {

  /** A message the broker did not take; {@code result} tags the confirms meter. */
  static final class NotConfirmed extends BrokerUnavailableException {
    final String result;

    NotConfirmed(String result, String message) {
      super(message, null);
      this.result = result;
    }
  }

  /** A published message waiting for its confirm. */
  final class Pending {
    final long seqNo;
    final String messageId;
    final CompletableFuture<Void> confirmed = new CompletableFuture<>();

    private Pending(long seqNo, String messageId) {
      this.seqNo = seqNo;
      this.messageId = messageId;
    }

    /** Stops tracking it (its wait timed out). */
    void forget() {
      unconfirmed.remove(seqNo);
      byMessageId.remove(messageId);
    }
  }

  private final Channel channel;
  private final NavigableMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();
  // Returns carry no sequence number: they are matched by message id (the batch id).
  private final Map<String, Pending> byMessageId = new ConcurrentHashMap<>();

  private RabbitPublisherChannel(Channel channel) {
    this.channel = channel;
  }

  static RabbitPublisherChannel open(Connection connection) throws IOException {
    Channel channel = connection.createChannel();
    if (channel == null) {
      throw new IOException("RabbitMQ connection has no free channel");
    }
    channel.confirmSelect();
    var publisherChannel = new RabbitPublisherChannel(channel);
    channel.addConfirmListener(publisherChannel);
    channel.addReturnListener(publisherChannel);
    channel.addShutdownListener(publisherChannel);
    return publisherChannel;
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * Publishes to {@code queue} through the default exchange, mandatory so that a missing queue
   * fails the message; the caller must have this channel to itself until this returns.
   */
  Pending publish(String queue, AMQP.BasicProperties properties, byte[] body) throws IOException {
    var pending = new Pending(channel.getNextPublishSeqNo(), properties.getMessageId());
    unconfirmed.put(pending.seqNo, pending);
    byMessageId.put(pending.messageId, pending);
    try {
      channel.basicPublish("", queue, true, properties, body);
    } catch (IOException | RuntimeException e) {
      pending.forget();
      throw e;
    }
    return pending;
  }

  @Override
  public void handleAck(long seqNo, boolean multiple) {
    settle(seqNo, multiple, null);
  }

  @Override
  public void handleNack(long seqNo, boolean multiple) {
    settle(seqNo, multiple, new NotConfirmed("nack", "RabbitMQ refused the message (nack)"));
  }

  // The broker sends basic.return before the ack of an unroutable message: failing the future
  // here makes the ack that follows a no-op.
  @Override
  public void handleReturn(
      int replyCode,
      String replyText,
      String exchange,
      String routingKey,
      AMQP.BasicProperties properties,
      byte[] body) {
    Pending pending = byMessageId.get(properties.getMessageId());
    if (pending != null) {
      pending.confirmed.completeExceptionally(
          new NotConfirmed(
              "returned",
              "RabbitMQ has no queue %s (%d %s)".formatted(routingKey, replyCode, replyText)));
    }
  }

  @Override
  public void shutdownCompleted(ShutdownSignalException cause) {
    var failure = new NotConfirmed("closed", "RabbitMQ channel closed before confirming: " + cause);
    settle(Long.MAX_VALUE, true, failure);
  }

  private void settle(long seqNo, boolean multiple, NotConfirmed failure) {
    var settled =
        multiple ? unconfirmed.headMap(seqNo, true) : unconfirmed.subMap(seqNo, true, seqNo, true);
    for (var it = settled.values().iterator(); it.hasNext(); ) {
      Pending pending = it.next();
      it.remove();
      byMessageId.remove(pending.messageId);
      if (failure == null) {
        pending.confirmed.complete(null);
      } else {
        pending.confirmed.completeExceptionally(failure);
      }
    }
  }
}
