package io.stevedore.operator.broker;

import com.rabbitmq.client.AMQP;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a tenant's queue on RabbitMQ without losing a message published into it after the last
 * look: a classic queue through the broker's own `if-empty`/`if-unused` check (atomic); a quorum
 * queue, which refuses `if-empty` (3.10: NOT_IMPLEMENTED, closing the connection), behind a fence
 * that makes the broker refuse new messages (publishers get a nack, never a confirm), then a
 * re-check of its counts, then the delete.
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
   * Deletes {@code queue} only while it holds nothing and no one consumes it.
   *
   * @param classic whether it is a classic queue (else quorum, or unknown: never sent `if-empty`)
   * @param publishedTo whether publishers may still send to it (only then is it fenced first)
   */
  void deleteIfEmpty(String queue, boolean classic, boolean publishedTo) throws BrokerException {
    if (classic) {
      try {
        rabbit.withChannel(endpoint, c -> c.queueDelete(queue, true, true));
      } catch (BrokerException e) {
        if (e.failure() == BrokerException.Failure.REJECTED) {
          throw new QueueNotEmptyException(
              "queue " + queue + " is not empty: " + e.getMessage(), e);
        }
        throw e;
      }
      return;
    }
    boolean fenced = publishedTo && endpoint.hasManagement();
    if (fenced) {
      management.putQueuePolicy(endpoint, fencePolicy(queue), queue, FENCE);
    }
    try {
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
    } finally {
      if (fenced) {
        management.deletePolicy(endpoint, fencePolicy(queue));
      }
    }
  }
}
