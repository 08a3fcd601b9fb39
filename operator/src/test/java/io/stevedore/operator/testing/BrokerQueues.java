package io.stevedore.operator.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.TenantQueues;
import java.nio.charset.StandardCharsets;

/**
 * A tenant's queues on the machine's RabbitMQ, as its Tenant declared them, filled and emptied by
 * tests; close deletes them.
 */
public final class BrokerQueues implements AutoCloseable {
  private final Connection connection;
  private final TenantQueues queues;

  private BrokerQueues(Connection connection, TenantQueues queues) {
    this.connection = connection;
    this.queues = queues;
  }

  /**
   * The queues of tenant {@code tenant} in namespace {@code namespace}, once its Tenant has
   * declared them: queues declared beforehand would be nobody's, and the Tenant would refuse them
   * as a `NameConflict`.
   */
  public static BrokerQueues provisioned(String namespace, String tenant) throws Exception {
    var factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    Connection connection = factory.newConnection("stevedore-test");
    var queues = TenantQueues.of(namespace, tenant);
    OperatorHarness.eventually()
        .ignoreExceptions()
        .until(
            () -> {
              try (var channel = connection.createChannel()) {
                channel.queueDeclarePassive(queues.main());
                return true;
              }
            });
    return new BrokerQueues(connection, queues);
  }

  /** Declares {@code queues} on {@code connection} with the contract's arguments. */
  public static void declare(Connection connection, TenantQueues queues) throws Exception {
    try (var channel = connection.createChannel()) {
      for (var d : RabbitQueueSettings.DEFAULT.declarations(queues)) {
        channel.queueDeclare(d.queue(), true, false, false, d.arguments());
      }
    }
  }

  /** Deletes {@code queues} on {@code connection}. */
  public static void delete(Connection connection, TenantQueues queues) throws Exception {
    try (var channel = connection.createChannel()) {
      channel.queueDelete(queues.main());
      channel.queueDelete(queues.deadLetter());
      for (String retry : queues.retries()) {
        channel.queueDelete(retry);
      }
    }
  }

  public TenantQueues queues() {
    return queues;
  }

  /**
   * Publishes {@code count} small messages to the main queue, with confirms; as a real publisher
   * does, sends again on a fresh channel what the broker nacked (a busy quorum queue may).
   */
  public void publish(int count) throws Exception {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    var properties = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
    int unconfirmed = count;
    for (int attempt = 0; unconfirmed > 0; attempt++) {
      if (attempt == 5) {
        throw new IllegalStateException(unconfirmed + " messages still nacked after 5 attempts");
      }
      var outstanding = new java.util.concurrent.ConcurrentSkipListSet<Long>();
      var nacked = new java.util.concurrent.atomic.AtomicInteger();
      try (var channel = connection.createChannel()) {
        channel.confirmSelect();
        channel.addConfirmListener(
            (tag, multiple) -> settle(outstanding, tag, multiple),
            (tag, multiple) -> nacked.addAndGet(settle(outstanding, tag, multiple)));
        for (int i = 0; i < unconfirmed; i++) {
          outstanding.add(channel.getNextPublishSeqNo());
          channel.basicPublish("", queues.main(), properties, body);
        }
        channel.waitForConfirms(10_000);
      }
      unconfirmed = nacked.get();
    }
  }

  /** Removes the confirmed tag (and, if {@code multiple}, all below it); returns how many. */
  private static int settle(
      java.util.concurrent.ConcurrentSkipListSet<Long> outstanding, long tag, boolean multiple) {
    var settled =
        multiple ? outstanding.headSet(tag, true) : outstanding.subSet(tag, true, tag, true);
    int count = settled.size();
    settled.clear();
    return count;
  }

  /** Removes every message from the main queue. */
  public void purge() throws Exception {
    try (var channel = connection.createChannel()) {
      channel.queuePurge(queues.main());
    }
  }

  /** Deletes the main queue (as an operator error or an outage might). */
  public void deleteMain() throws Exception {
    try (var channel = connection.createChannel()) {
      channel.queueDelete(queues.main());
    }
  }

  /** Declares the main queue again. */
  public void redeclareMain() throws Exception {
    try (var channel = connection.createChannel()) {
      channel.queueDeclare(
          queues.main(), true, false, false, RabbitQueueSettings.DEFAULT.mainArguments(queues));
    }
  }

  @Override
  public void close() throws Exception {
    try {
      delete(connection, queues);
    } finally {
      connection.close();
    }
  }
}
