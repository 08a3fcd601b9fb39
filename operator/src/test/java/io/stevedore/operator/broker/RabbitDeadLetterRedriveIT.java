package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.stevedore.contract.TenantQueues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dead-letter redrive against the machine's RabbitMQ. */
class RabbitDeadLetterRedriveIT {
  private final RabbitConnections connections = new RabbitConnections("RabbitDeadLetterRedriveIT");
  private final RabbitDeadLetterRedrive redrive =
      new RabbitDeadLetterRedrive(connections, LocalRabbit.admin());
  private final List<String> declared = new ArrayList<>();

  @AfterEach
  void deleteQueues() throws Exception {
    for (String queue : declared) {
      channel(c -> c.queueDelete(queue));
    }
    connections.close();
  }

  @Test
  void movesEveryDeadLetterOnceWithFreshAttemptsAndTheToken() throws Exception {
    var queues = queues(Map.of());
    deadLetter(queues, 5, null);

    var batch = redrive.moveBatch(queues, "r1", 100);

    assertThat(batch).isEqualTo(new DeadLetterRedrive.Batch(5, 0, true));
    List<GetResponse> moved = drain(queues.main());
    assertThat(moved)
        .extracting(m -> new String(m.getBody(), StandardCharsets.UTF_8))
        .containsExactly("dead 0", "dead 1", "dead 2", "dead 3", "dead 4");
    assertThat(moved)
        .allSatisfy(
            m -> {
              assertThat(m.getProps().getHeaders())
                  .doesNotContainKeys(
                      TenantQueues.ATTEMPTS_HEADER, TenantQueues.FAILURE_HEADER, "x-death");
              assertThat(m.getProps().getHeaders().get(TenantQueues.TENANT_HEADER))
                  .hasToString("acme");
              assertThat(m.getProps().getHeaders().get(DeadLetterRedrive.TOKEN_HEADER))
                  .hasToString("r1");
              assertThat(m.getProps().getDeliveryMode()).isEqualTo(2);
            });
  }

  @Test
  void aBatchIsBoundedAndTheNextOneGoesOn() throws Exception {
    var queues = queues(Map.of());
    deadLetter(queues, 5, null);

    assertThat(redrive.moveBatch(queues, "r1", 3))
        .isEqualTo(new DeadLetterRedrive.Batch(3, 2, false));
    assertThat(redrive.moveBatch(queues, "r1", 3))
        .isEqualTo(new DeadLetterRedrive.Batch(2, 0, true));
    assertThat(count(queues.main())).isEqualTo(5);
  }

  @Test
  void aMessageThisRedriveMovedBeforeEndsItAndStaysDeadLettered() throws Exception {
    var queues = queues(Map.of());
    deadLetter(queues, 2, "r1");
    deadLetter(queues, 1, null);

    assertThat(redrive.moveBatch(queues, "r1", 100))
        .isEqualTo(new DeadLetterRedrive.Batch(0, 3, true));
    assertThat(count(queues.main())).isZero();

    assertThat(redrive.moveBatch(queues, "r2", 100))
        .as("a new redrive moves them again")
        .isEqualTo(new DeadLetterRedrive.Batch(3, 0, true));
  }

  @Test
  void copiesTheBrokerRefusesStayInTheDeadLetterQueue() throws Exception {
    // The main queue takes 2 messages and nacks the publish of any more.
    var queues = queues(Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
    deadLetter(queues, 5, null);

    var batch = redrive.moveBatch(queues, "r1", 100);

    assertThat(batch.moved()).isEqualTo(2);
    assertThat(batch.finished()).isFalse();
    assertThat(count(queues.main())).isEqualTo(2);
    assertThat(count(queues.deadLetter())).as("nothing lost").isEqualTo(3);
    assertThat(batch.remaining()).isEqualTo(3);
  }

  @Test
  void aMissingMainQueueMovesNothing() throws Exception {
    var queues = queues(Map.of());
    deadLetter(queues, 2, null);
    channel(c -> c.queueDelete(queues.main()));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> redrive.moveBatch(queues, "r1", 10))
        .isInstanceOf(BrokerException.class)
        .extracting(e -> ((BrokerException) e).failure())
        .isEqualTo(BrokerException.Failure.NOT_FOUND);
    assertThat(count(queues.deadLetter())).isEqualTo(2);
  }

  private TenantQueues queues(Map<String, Object> mainArguments) throws Exception {
    String main = LocalRabbit.uniqueQueue("redrive");
    var queues = new TenantQueues(main, main + ".dlq", List.of());
    declared.add(queues.main());
    declared.add(queues.deadLetter());
    channel(
        c -> {
          c.queueDeclare(queues.main(), true, false, false, mainArguments);
          return c.queueDeclare(queues.deadLetter(), true, false, false, Map.of());
        });
    return queues;
  }

  /** Dead letters as the worker leaves them: attempts, reason, x-death; the token if given. */
  private void deadLetter(TenantQueues queues, int count, String token) throws Exception {
    channel(
        c -> {
          c.confirmSelect();
          for (int i = 0; i < count; i++) {
            var headers = new java.util.HashMap<String, Object>();
            headers.put(TenantQueues.ATTEMPTS_HEADER, TenantQueues.MAX_ATTEMPTS);
            headers.put(TenantQueues.FAILURE_HEADER, "table missing");
            headers.put(TenantQueues.TENANT_HEADER, "acme");
            headers.put("x-death", List.of(Map.of("count", 1L, "queue", queues.main())));
            if (token != null) {
              headers.put(DeadLetterRedrive.TOKEN_HEADER, token);
            }
            var props = new AMQP.BasicProperties.Builder().headers(headers).build();
            c.basicPublish(
                "", queues.deadLetter(), props, ("dead " + i).getBytes(StandardCharsets.UTF_8));
          }
          try {
            c.waitForConfirmsOrDie(10_000);
          } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new java.io.IOException(e);
          }
          return null;
        });
  }

  private List<GetResponse> drain(String queue) throws Exception {
    return channel(
        c -> {
          List<GetResponse> all = new ArrayList<>();
          for (GetResponse r = c.basicGet(queue, true); r != null; r = c.basicGet(queue, true)) {
            all.add(r);
          }
          return all;
        });
  }

  private long count(String queue) throws Exception {
    return channel(c -> c.queueDeclarePassive(queue).getMessageCount());
  }

  private <T> T channel(RabbitConnections.ChannelWork<T> work) throws Exception {
    return connections.withChannel(LocalRabbit.admin(), work);
  }
}
