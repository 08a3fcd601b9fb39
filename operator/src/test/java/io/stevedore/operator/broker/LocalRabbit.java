package io.stevedore.operator.broker;

import com.rabbitmq.client.ConnectionFactory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.testing.BrokerQueues;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;

/** The machine's RabbitMQ (`./stevedore test` starts it, with the management plugin). */
public final class LocalRabbit {
  public static final URI AMQP = URI.create("amqp://127.0.0.1:5672");
  public static final URI MANAGEMENT = URI.create("http://127.0.0.1:15672");

  private LocalRabbit() {}

  /** The administrator endpoint, with the management API. */
  public static RabbitEndpoint admin() {
    return new RabbitEndpoint(AMQP, "/", "guest", "guest", MANAGEMENT);
  }

  /** An endpoint where nothing listens. */
  public static RabbitEndpoint unreachable() throws Exception {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return new RabbitEndpoint(
        URI.create("amqp://127.0.0.1:" + port),
        "/",
        "guest",
        "guest",
        URI.create("http://127.0.0.1:" + port));
  }

  /** A queue name no other test (or test run) uses. */
  public static String uniqueQueue(String purpose) {
    return "it." + purpose + "." + UUID.randomUUID();
  }

  /** Declares a tenant's queues as the contract says (what tenant provisioning will do). */
  public static void declareTenantQueues(TenantQueues queues) throws Exception {
    try (var connection = factory().newConnection()) {
      BrokerQueues.declare(connection, queues);
    }
  }

  public static void deleteTenantQueues(TenantQueues queues) throws Exception {
    try (var connection = factory().newConnection()) {
      BrokerQueues.delete(connection, queues);
    }
  }

  /** Publishes {@code count} messages to {@code queue} and waits for the broker's confirms. */
  public static void publish(String queue, int count) throws Exception {
    try (var connection = factory().newConnection();
        var channel = connection.createChannel()) {
      channel.confirmSelect();
      for (int i = 0; i < count; i++) {
        channel.basicPublish(
            "", queue, null, ("dead " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      channel.waitForConfirmsOrDie(10_000);
    }
  }

  private static ConnectionFactory factory() throws Exception {
    var factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    return factory;
  }
}
