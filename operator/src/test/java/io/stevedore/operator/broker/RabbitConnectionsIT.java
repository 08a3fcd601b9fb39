package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stevedore.sandbox.faults.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator's AMQP connections against the machine's RabbitMQ. */
class RabbitConnectionsIT {
  private final RabbitConnections connections = new RabbitConnections("RabbitConnectionsIT");

  @AfterEach
  void close() {
    connections.close();
  }

  @Test
  void inspectCountsReadyMessagesExactlyAndReusesOneConnection() throws Exception {
    var admin = LocalRabbit.admin();
    String queue = LocalRabbit.uniqueQueue("inspect");
    connections.withChannel(admin, c -> c.queueDeclare(queue, false, false, true, Map.of()));
    try {
      connections.withChannel(
          admin,
          c -> {
            for (int i = 0; i < 7; i++) {
              c.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            c.confirmSelect();
            return null;
          });
      var inspected = connections.inspect(admin, queue);
      assertThat(inspected.getMessageCount()).isEqualTo(7);
      assertThat(connections.openConnections()).isEqualTo(1);
    } finally {
      connections.withChannel(admin, c -> c.queueDelete(queue));
    }
  }

  @Test
  void aMissingQueueIsNotFoundAndTheConnectionSurvives() throws Exception {
    var admin = LocalRabbit.admin();
    assertThatThrownBy(() -> connections.inspect(admin, LocalRabbit.uniqueQueue("missing")))
        .isInstanceOfSatisfying(
            BrokerException.class,
            e -> assertThat(e.failure()).isEqualTo(BrokerException.Failure.NOT_FOUND));
    assertThat(connections.openConnections()).isEqualTo(1);
  }

  @Test
  void wrongCredentialsAreAuthFailedAndLeaveNoConnection() {
    var admin = LocalRabbit.admin();
    var wrong =
        new RabbitEndpoint(
            admin.amqpUri(), "/", "guest", "not-the-password", admin.managementUri());
    assertThatThrownBy(() -> connections.inspect(wrong, "any"))
        .isInstanceOfSatisfying(
            BrokerException.class,
            e -> assertThat(e.failure()).isEqualTo(BrokerException.Failure.AUTH_FAILED));
    assertThat(connections.openConnections()).isZero();
  }

  @Test
  void anUnreachableBrokerIsUnavailableAndLeaveNoConnection() throws Exception {
    var down = LocalRabbit.unreachable();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> connections.inspect(down, "any"))
          .isInstanceOfSatisfying(
              BrokerException.class,
              e -> assertThat(e.failure()).isEqualTo(BrokerException.Failure.UNAVAILABLE));
    }
    assertThat(connections.openConnections()).isZero();
  }

  @Test
  void aChangedPasswordReplacesTheConnection() throws Exception {
    var admin = LocalRabbit.admin();
    String queue = LocalRabbit.uniqueQueue("rotate");
    connections.withChannel(admin, c -> c.queueDeclare(queue, false, false, true, Map.of()));
    var wrong =
        new RabbitEndpoint(admin.amqpUri(), "/", "guest", "rotated-wrongly", admin.managementUri());
    assertThatThrownBy(() -> connections.inspect(wrong, queue)).isInstanceOf(BrokerException.class);
    assertThat(connections.openConnections()).isZero();
    assertThat(connections.inspect(admin, queue).getMessageCount()).isZero();
    connections.withChannel(admin, c -> c.queueDelete(queue));
  }

  @Test
  void aBrokerThatGoesDownIsUnavailableAndTheConnectionComesBackWithIt() throws Exception {
    try (var proxy = TcpProxy.to("127.0.0.1", 5672)) {
      var admin = LocalRabbit.admin();
      var viaProxy =
          new RabbitEndpoint(
              java.net.URI.create("amqp://127.0.0.1:" + proxy.port()), "/", "guest", "guest", null);
      String queue = LocalRabbit.uniqueQueue("outage");
      connections.withChannel(admin, c -> c.queueDeclare(queue, false, false, false, Map.of()));
      try {
        assertThat(connections.inspect(viaProxy, queue).getMessageCount()).isZero();
        proxy.refuse();
        assertThatThrownBy(() -> connections.inspect(viaProxy, queue))
            .isInstanceOfSatisfying(
                BrokerException.class,
                e -> assertThat(e.failure()).isEqualTo(BrokerException.Failure.UNAVAILABLE));
        assertThat(connections.openConnections()).isEqualTo(1); // only the admin one
        proxy.forward();
        assertThat(connections.inspect(viaProxy, queue).getMessageCount()).isZero();
      } finally {
        connections.withChannel(admin, c -> c.queueDelete(queue));
      }
    }
  }
}
