package io.stevedore.runtime.ingest;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Test helper: the machine's RabbitMQ, and tenant queues declared as the operator declares them.
 */
final class RabbitQueues {
  private RabbitQueues() {}

  static Connection connect() throws IOException, TimeoutException {
    var factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    factory.setUsername("guest");
    factory.setPassword("guest");
    return factory.newConnection("ingest-test");
  }

  /** Declares the tenant's main queue; returns its name. */
  static String declare(Channel channel, TestTenant tenant) throws IOException {
    String queue = tenant.queues().main();
    channel.queueDeclare(
        queue, true, false, false, RabbitQueueSettings.DEFAULT.mainArguments(tenant.queues()));
    return queue;
  }
}
