package io.stevedore.operator.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.stevedore.contract.TenantQueues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Dead-letter redrive on RabbitMQ: takes messages from the dead-letter queue unacknowledged,
 * publishes each copy to the main queue with publisher confirms (mandatory, so a missing queue is
 * noticed), and acks each original only after its copy's confirm; a nacked or returned copy leaves
 * its original requeued, and closing the channel requeues whatever was not settled.
 */
public final class RabbitDeadLetterRedrive implements DeadLetterRedrive {
  private static final long CONFIRM_TIMEOUT_MILLIS = 5_000;

  private final RabbitConnections rabbit;
  private final RabbitEndpoint endpoint;

  public RabbitDeadLetterRedrive(RabbitConnections rabbit, RabbitEndpoint endpoint) {
    this.rabbit = rabbit;
    this.endpoint = endpoint;
  }

  @Override
  public Batch moveBatch(TenantQueues queues, String token, int limit) throws BrokerException {
    return rabbit.withChannel(endpoint, channel -> move(channel, queues, token, limit));
  }

  private static Batch move(Channel channel, TenantQueues queues, String token, int limit)
      throws IOException {
    // The main queue must exist: a copy published to no queue would be confirmed and dropped.
    channel.queueDeclarePassive(queues.main());
    channel.confirmSelect();
    // Publish sequence number of each copy -> whether the broker confirmed it (absent: pending).
    Map<Long, Boolean> confirms = new ConcurrentSkipListMap<>();
    AtomicBoolean returned = new AtomicBoolean();
    channel.addConfirmListener(
        (seq, multiple) -> settle(confirms, seq, multiple, true),
        (seq, multiple) -> settle(confirms, seq, multiple, false));
    channel.addReturnListener(r -> returned.set(true));
    Map<Long, Long> originals = new HashMap<>();
    boolean finished = false;
    // Messages behind the last one taken, as the broker said on handing it out.
    long behind = 0;
    int requeued = 0;
    while (originals.size() < limit) {
      GetResponse message = channel.basicGet(queues.deadLetter(), false);
      if (message == null) {
        finished = true;
        break;
      }
      long tag = message.getEnvelope().getDeliveryTag();
      behind = message.getMessageCount();
      if (token.equals(header(message.getProps(), TOKEN_HEADER))) {
        // Moved by this redrive already and failed again: back where it was, and done.
        channel.basicReject(tag, true);
        requeued++;
        finished = true;
        break;
      }
      long seq = channel.getNextPublishSeqNo();
      originals.put(seq, tag);
      channel.basicPublish(
          "", queues.main(), true, redriven(message.getProps(), token), message.getBody());
    }
    awaitConfirms(channel);
    int moved = 0;
    List<Long> sequence = new ArrayList<>(originals.keySet());
    sequence.sort(null);
    for (long seq : sequence) {
      long tag = originals.get(seq);
      if (!returned.get() && Boolean.TRUE.equals(confirms.get(seq))) {
        channel.basicAck(tag, false);
        moved++;
      } else {
        channel.basicReject(tag, true);
        requeued++;
      }
    }
    // Counted here: a passive declare may not see the requeued ones back yet.
    return new Batch(moved, behind + requeued, finished && moved == originals.size());
  }

  private static void settle(Map<Long, Boolean> confirms, long seq, boolean multiple, boolean ok) {
    if (multiple) {
      // Every copy up to seq not settled before; sequence numbers start at 1 on a fresh channel.
      for (long each = seq; each > 0; each--) {
        confirms.putIfAbsent(each, ok);
      }
    } else {
      confirms.put(seq, ok);
    }
  }

  private static void awaitConfirms(Channel channel) throws IOException {
    try {
      channel.waitForConfirms(CONFIRM_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for publisher confirms", e);
    } catch (TimeoutException e) {
      // The originals not yet acked go back to the dead-letter queue when the channel closes.
      throw new IOException("the broker confirmed no copy within " + CONFIRM_TIMEOUT_MILLIS, e);
    }
  }

  /** The copy's properties: retry headers dropped, the redrive's token added, persistent. */
  static AMQP.BasicProperties redriven(AMQP.BasicProperties original, String token) {
    Map<String, Object> headers =
        original.getHeaders() == null ? new HashMap<>() : new HashMap<>(original.getHeaders());
    headers.keySet().removeAll(RETRY_HEADERS);
    headers.put(TOKEN_HEADER, token);
    return original.builder().headers(headers).expiration(null).deliveryMode(2).build();
  }

  private static String header(AMQP.BasicProperties properties, String name) {
    Object value = properties.getHeaders() == null ? null : properties.getHeaders().get(name);
    return value == null ? null : value.toString();
  }
}
