package io.stevedore.operator.broker;

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
}
