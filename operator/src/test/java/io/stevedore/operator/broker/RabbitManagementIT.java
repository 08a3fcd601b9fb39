package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The management HTTP API client against the machine's RabbitMQ. */
class RabbitManagementIT {
  private final RabbitManagement management = new RabbitManagement();

  @Test
  void reportsQueueStatisticsAndEmptyForAMissingQueue() throws Exception {
    var admin = LocalRabbit.admin();
    String queue = LocalRabbit.uniqueQueue("stats");
    try (var connections = new RabbitConnections("RabbitManagementIT")) {
      connections.withChannel(
          admin,
          c -> {
            c.queueDeclare(queue, false, false, false, Map.of());
            c.basicPublish("", queue, null, "x".getBytes(StandardCharsets.UTF_8));
            c.basicPublish("", queue, null, "y".getBytes(StandardCharsets.UTF_8));
            return null;
          });
      try {
        // The management plugin samples statistics periodically: wait for the sample.
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(management.queue(admin, queue).orElseThrow().ready()).isEqualTo(2));
        assertThat(management.queue(admin, LocalRabbit.uniqueQueue("missing"))).isEmpty();
        var listed = management.queues(admin);
        assertThat(listed).doesNotContainKey(LocalRabbit.uniqueQueue("missing"));
        assertThat(listed.get(queue))
            .satisfies(stats -> assertThat(stats.ready()).isEqualTo(2))
            .satisfies(stats -> assertThat(stats.unacknowledged()).isZero());
      } finally {
        connections.withChannel(admin, c -> c.queueDelete(queue));
      }
    }
  }

  @Test
  void createsAUserLimitedToItsQueuesAndDeletesIt() throws Exception {
    var admin = LocalRabbit.admin();
    String user = "it-user-" + UUID.randomUUID();
    String queue = LocalRabbit.uniqueQueue("own");
    management.putUser(admin, user, "s3cret");
    try (var connections = new RabbitConnections("RabbitManagementIT")) {
      management.putPermissions(
          admin, user, "^$", "^$", "^" + java.util.regex.Pattern.quote(queue) + "$");
      connections.withChannel(admin, c -> c.queueDeclare(queue, false, false, false, Map.of()));
      var asUser = new RabbitEndpoint(admin.amqpUri(), "/", user, "s3cret", admin.managementUri());
      assertThat(connections.inspect(asUser, queue).getMessageCount()).isZero();
      assertThatThrownBy(
              () ->
                  connections.withChannel(
                      asUser, c -> c.queueDeclare("other." + queue, false, false, true, Map.of())))
          .isInstanceOfSatisfying(
              BrokerException.class,
              e -> assertThat(e.failure()).isEqualTo(BrokerException.Failure.AUTH_FAILED));
      connections.withChannel(admin, c -> c.queueDelete(queue));
    } finally {
      management.deleteUser(admin, user);
    }
    assertThat(management.userExists(admin, user)).isFalse();
    management.deleteUser(admin, user);
  }

  @Test
  void refusedCredentialsAreAuthFailedAndADownApiIsUnavailable() throws Exception {
    var admin = LocalRabbit.admin();
    var wrong = new RabbitEndpoint(admin.amqpUri(), "/", "guest", "nope", admin.managementUri());
    assertThatThrownBy(() -> management.queue(wrong, "any"))
        .isInstanceOfSatisfying(
            BrokerException.class,
            e -> assertThat(e.failure()).isEqualTo(BrokerException.Failure.AUTH_FAILED));
    var down = LocalRabbit.unreachable();
    assertThatThrownBy(() -> management.queue(down, "any"))
        .isInstanceOfSatisfying(
            BrokerException.class,
            e -> assertThat(e.failure()).isEqualTo(BrokerException.Failure.UNAVAILABLE));
    var none = new RabbitEndpoint(admin.amqpUri(), "/", "guest", "guest", (URI) null);
    assertThatThrownBy(() -> management.queue(none, "any")).isInstanceOf(BrokerException.class);
  }
}
