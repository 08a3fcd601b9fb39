package io.stevedore.operator.broker;

import com.rabbitmq.client.AMQP;
import io.stevedore.contract.RabbitQueueSettings.QueueType;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a tenant's queue on RabbitMQ only while it holds nothing, so a message published after
 * the drain check is never lost with it: a classic queue through the broker's own `if-empty` and
 * `if-unused` check; a quorum queue, which refuses `if-empty` (3.10: NOT_IMPLEMENTED, closing the
 * connection), behind a fence that makes it refuse new messages (publishers get a nack, never a
 * confirm), then a re-check, then the delete.
 */
final class RabbitQueueDeletion {
  private static final Logger log = LoggerFactory.getLogger(RabbitQueueDeletion.class);

  /** Publishes into a fenced queue are nacked; what it holds stays (reject-publish drops none). */
  static final Map<String, Object> FENCE = Map.of("max-length", 0, "overflow", "reject-publish");

  private final RabbitConnections rabbit;
  private final RabbitManagement management;
  private final RabbitEndpoint endpoint;

  RabbitQueueDeletion(
      RabbitConnections rabbit, RabbitManagement management, RabbitEndpoint endpoint) {
    this.rabbit = rabbit;
    this.management = management;
    this.endpoint = endpoint;
  }

  /** The name of the policy that fences {@code queue} while it is deleted. */
  static String fencePolicy(String queue) {
    return "stevedore-delete-fence." + queue;
  }

  /** Deletes the queue with whatever it holds (the Tenant's explicit override). */
  void deleteWithMessages(String queue) throws BrokerException {
    int dropped = rabbit.withChannel(endpoint, c -> c.queueDelete(queue).getMessageCount());
    if (dropped > 0) {
      log.warn(
          "Deleted queue {} with {} messages, as the Tenant's annotation allows", queue, dropped);
    }
  }

  /**
   * Whether a quorum queue holds a ready message, asked with a basic.get: unlike a passive
   * declare's count, it is a command in the queue's Raft log, so it also waits for the fence set
   * before it (applied there asynchronously) and for every message accepted before the fence. A
   * message it finds goes back at once (its delivery count grows by one).
   */
  private boolean holdsMessages(String queue) throws BrokerException {
    return rabbit.withChannel(
        endpoint,
        channel -> {
          var head = channel.basicGet(queue, false);
          if (head == null) {
            return false;
          }
          channel.basicReject(head.getEnvelope().getDeliveryTag(), true);
          return true;
        });
  }

  /**
   * Deletes {@code queue} only while it holds nothing and no one consumes it.
   *
   * @param type its type; null when unknown (then neither `if-empty`, which a quorum queue answers
   *     by closing the connection, nor a fence)
   * @param publishedTo whether publishers may still send to it (only then is it fenced first)
   */
  void deleteIfEmpty(String queue, QueueType type, boolean publishedTo) throws BrokerException {
    if (type == QueueType.CLASSIC) {
      deleteClassicIfEmpty(queue);
      return;
    }
    // A fence on a queue of unknown type could be one on a classic queue, which would drop its
    // messages: classic queues enforce a new max-length by dropping from the head.
    boolean fenced = type == QueueType.QUORUM && publishedTo && endpoint.hasManagement();
    if (fenced) {
      management.putQueuePolicy(endpoint, fencePolicy(queue), queue, FENCE);
    }
    try {
      deleteQuorumIfEmpty(queue);
    } finally {
      if (fenced) {
        management.deletePolicy(endpoint, fencePolicy(queue));
      }
    }
  }

  private void deleteClassicIfEmpty(String queue) throws BrokerException {
    try {
      rabbit.withChannel(endpoint, c -> c.queueDelete(queue, true, true));
    } catch (BrokerException e) {
      if (e.failure() == BrokerException.Failure.REJECTED) {
        throw new QueueNotEmptyException("queue " + queue + " is not empty: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  private void deleteQuorumIfEmpty(String queue) throws BrokerException {
    if (holdsMessages(queue)) {
      throw new QueueNotEmptyException("queue " + queue + " received messages: not deleted", null);
    }
    AMQP.Queue.DeclareOk now = rabbit.inspect(endpoint, queue);
    if (now.getMessageCount() > 0 || now.getConsumerCount() > 0) {
      throw new QueueNotEmptyException(
          "queue "
              + queue
              + " holds "
              + now.getMessageCount()
              + " messages and has "
              + now.getConsumerCount()
              + " consumers",
          null);
    }
    int dropped = rabbit.withChannel(endpoint, c -> c.queueDelete(queue).getMessageCount());
    if (dropped > 0) {
      // Only possible without a management API to fence with: a publish raced the re-check.
      log.error("Queue {} took {} messages between its re-check and its delete", queue, dropped);
    }
  }
}
