package io.stevedore.operator.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.stevedore.contract.TenantQueues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dead-letter redrive on RabbitMQ, one batch per channel. The batch's first dead letter comes from
 * basic.get (exact about an empty queue and how many follow), the rest through one consumer, so a
 * single ack settles them: on a quorum queue every basic.get is a consumer of its own and each ack
 * a separate command, and the broker sends at most 32 of those at a time per channel and drops the
 * others when the channel closes, so acked messages came back and were moved twice. Each copy is
 * confirmed and recorded in the {@link RedriveLedger} before the next, the originals are acked at
 * the end, then the ledger is dropped; a batch cut off before that finds its copies recorded.
 */
public final class RabbitDeadLetterRedrive implements DeadLetterRedrive {
  private static final long WAIT_MILLIS = 5_000;

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
    channel.queueDeclarePassive(queues.main());
    // Unlike a passive declare (0 when a quorum queue is slow to answer), basic.get is exact.
    GetResponse first = channel.basicGet(queues.deadLetter(), false);
    RedriveLedger ledger = RedriveLedger.open(channel, queues);
    if (first == null) {
      ledger.discard();
      return new Batch(0, 0, true);
    }
    long ready = 1L + first.getMessageCount();
    int wanted = (int) Math.min(limit, ready);
    channel.confirmSelect();
    var taking = new Taking(channel, queues.main(), token, ledger);
    channel.addReturnListener(returned -> taking.mainQueueGone = true);
    if (taking.take(first.getEnvelope(), first.getProps(), first.getBody()) && wanted > 1) {
      consume(channel, queues.deadLetter(), wanted - 1, taking);
    }
    // Delivery tag -> ack (moved) or requeue, in delivery order.
    TreeMap<Long, Boolean> settlements = new TreeMap<>(taking.moved);
    taking.leftAlone.forEach(tag -> settlements.put(tag, false));
    if (taking.mainQueueGone) {
      // Deleted meanwhile, it took the batch's copies along: every original stays, unrecorded.
      ledger.discard();
      settlements.replaceAll((tag, moved) -> false);
      taking.moved.replaceAll((tag, moved) -> false);
    }
    settle(channel, settlements);
    // The acks are on their way to the queue, ahead of anything this channel does next.
    ledger.discard();
    int moved = (int) taking.moved.values().stream().filter(m -> m).count();
    boolean refused = moved < taking.moved.size();
    boolean finished = !refused && (taking.ownToken || wanted == ready);
    return new Batch(moved, ready - moved, finished);
  }

  /** Takes up to {@code count} more dead letters through one consumer, then cancels it. */
  private static void consume(Channel channel, String queue, int count, Taking taking)
      throws IOException {
    // Exactly as many as wanted, so that nothing more is delivered before the cancel.
    channel.basicQos(count);
    BlockingQueue<Optional<Delivery>> deliveries = new LinkedBlockingQueue<>();
    String consumer =
        channel.basicConsume(
            queue,
            false,
            new DefaultConsumer(channel) {
              @Override
              public void handleDelivery(
                  String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                deliveries.add(Optional.of(new Delivery(envelope, props, body)));
              }

              @Override
              public void handleCancelOk(String tag) {
                deliveries.add(Optional.empty());
              }
            });
    for (int taken = 0; taken < count; taken++) {
      Delivery message = next(deliveries, taken, count).orElseThrow();
      if (!taking.take(message.getEnvelope(), message.getProperties(), message.getBody())) {
        break;
      }
    }
    // Acked only after the cancel: an ack would make room for further deliveries.
    channel.basicCancel(consumer);
    // Deliveries behind the one that ended the batch arrive before the cancel's answer.
    for (var late = next(deliveries, count, count); late.isPresent(); ) {
      taking.leftAlone.add(late.get().getEnvelope().getDeliveryTag());
      late = next(deliveries, count, count);
    }
  }

  /**
   * The dead letters of one batch as they are taken. Each copy is confirmed, then recorded in the
   * ledger and that confirmed too, before the next: so a record always means a copy, and a batch
   * cut off anywhere leaves at most one copy unrecorded (made again by the next batch if the broker
   * had taken it).
   */
  private static final class Taking {
    private final Channel channel;
    private final String main;
    private final String token;
    private final RedriveLedger ledger;

    /** Delivery tag of each original to move -> whether its copy is in the main queue. */
    final Map<Long, Boolean> moved = new HashMap<>();

    /** Delivered, but to be left in the dead-letter queue. */
    final List<Long> leftAlone = new ArrayList<>();

    boolean ownToken;

    /** A copy came back unroutable: the main queue no longer exists. */
    volatile boolean mainQueueGone;

    Taking(Channel channel, String main, String token, RedriveLedger ledger) {
      this.channel = channel;
      this.main = main;
      this.token = token;
      this.ledger = ledger;
    }

    /** Copies one dead letter to the main queue; false when it ends the batch instead. */
    boolean take(Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
      long tag = envelope.getDeliveryTag();
      if (ownToken || token.equals(header(props, TOKEN_HEADER))) {
        // Moved by this redrive already and failed again: left where it is, and done.
        ownToken = true;
        leftAlone.add(tag);
        return false;
      }
      // Only an original handed out before (and returned) can have a copy already.
      if (envelope.isRedeliver() && ledger.claim(props, body)) {
        moved.put(tag, true);
        return true;
      }
      // Mandatory: a copy published to no queue would be confirmed (and dropped) all the same.
      channel.basicPublish("", main, true, redriven(props, token), body);
      // A copy is returned before it is confirmed.
      boolean confirmed = awaitConfirms(channel) && !mainQueueGone;
      if (confirmed) {
        ledger.record(props, body);
        if (!awaitConfirms(channel)) {
          throw new IOException("the broker refused a record in " + ledger);
        }
      }
      moved.put(tag, confirmed);
      return true;
    }
  }

  private static Optional<Delivery> next(
      BlockingQueue<Optional<Delivery>> deliveries, int taken, int wanted) throws IOException {
    try {
      Optional<Delivery> next = deliveries.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
      if (next == null) {
        throw new IOException(
            "the dead-letter queue delivered " + taken + " of " + wanted + " messages");
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while taking dead letters", e);
    }
  }

  /** Acks the moved originals and requeues the others, one command per run of either. */
  private static void settle(Channel channel, TreeMap<Long, Boolean> settlements)
      throws IOException {
    List<Map.Entry<Long, Boolean>> inOrder = new ArrayList<>(settlements.entrySet());
    for (int i = 0; i < inOrder.size(); i++) {
      var each = inOrder.get(i);
      boolean runEnds =
          i == inOrder.size() - 1 || !inOrder.get(i + 1).getValue().equals(each.getValue());
      if (runEnds && each.getValue()) {
        channel.basicAck(each.getKey(), true);
      } else if (runEnds) {
        channel.basicNack(each.getKey(), true, true);
      }
    }
  }

  /** Waits for the confirm of what was published last; false when the broker refused it. */
  private static boolean awaitConfirms(Channel channel) throws IOException {
    try {
      return channel.waitForConfirms(WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for publisher confirms", e);
    } catch (TimeoutException e) {
      // The originals not yet acked go back to the dead-letter queue when the channel closes.
      throw new IOException("the broker confirmed nothing within " + WAIT_MILLIS + " ms", e);
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
