package io.stevedore.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.stevedore.contract.TenantQueues;
import io.stevedore.sandbox.faults.TcpProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dead-letter redrive against the machine's RabbitMQ, on quorum and on classic queues. */
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

  @ParameterizedTest
  @ValueSource(strings = {"quorum", "classic"})
  void movesEveryDeadLetterOnceWithFreshAttemptsAndTheToken(String type) throws Exception {
    var queues = queues(type, Map.of());
    deadLetter(queues, 5, null);

    var batch = redrive.moveBatch(queues, "r1", 100);

    assertThat(batch).isEqualTo(new DeadLetterRedrive.Batch(5, 0, true));
    List<GetResponse> moved = drain(queues.main());
    assertThat(bodies(moved)).containsExactly("dead 0", "dead 1", "dead 2", "dead 3", "dead 4");
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
    assertThat(exists(RedriveLedger.name(queues))).as("the ledger is dropped").isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"quorum", "classic"})
  void manyBatchesMoveEachDeadLetterExactlyOnce(String type) throws Exception {
    // Two rounds: how many acks quorum queues dropped varied from run to run.
    for (int round = 0; round < 2; round++) {
      var queues = queues(type, Map.of());
      deadLetter(queues, 1_200, null);

      List<DeadLetterRedrive.Batch> batches = new ArrayList<>();
      do {
        batches.add(redrive.moveBatch(queues, "r1", 500));
      } while (!batches.get(batches.size() - 1).finished() && batches.size() < 10);

      assertThat(batches)
          .containsExactly(
              new DeadLetterRedrive.Batch(500, 700, false),
              new DeadLetterRedrive.Batch(500, 200, false),
              new DeadLetterRedrive.Batch(200, 0, true));
      assertMovedExactlyOnce(queues, 1_200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"quorum", "classic"})
  void aRedriveCutOffAnywhereAndRunAgainLosesNothingAndCopiesAtMostTheOneInFlightTwice(String type)
      throws Exception {
    int deadLetters = 50;
    try (var proxy = TcpProxy.to("127.0.0.1", 5672);
        var proxied = new RabbitConnections("RabbitDeadLetterRedriveIT-proxied")) {
      var viaProxy =
          new RabbitEndpoint(
              URI.create("amqp://127.0.0.1:" + proxy.port()), "/", "guest", "guest", null);
      var cutOff = new RabbitDeadLetterRedrive(proxied, viaProxy);
      // What a whole batch sends the broker, from opening its channel to closing it.
      var reference = queues(type, Map.of());
      deadLetter(reference, deadLetters, null);
      proxied.inspect(viaProxy, reference.deadLetter());
      long start = proxy.clientBytes();
      assertThat(cutOff.moveBatch(reference, "r1", 500).finished()).isTrue();
      long whole = proxy.clientBytes() - start;

      // Cuts among the copies and records, and every 20 bytes of the acks, ledger drop and close.
      List<Long> cuts = new ArrayList<>();
      IntStream.range(1, 7).forEach(i -> cuts.add(whole * i / 7));
      IntStream.iterate(1, k -> k < 200, k -> k + 20).forEach(k -> cuts.add(whole - k));
      int interrupted = 0;
      for (long cut : cuts) {
        var queues = queues(type, Map.of());
        deadLetter(queues, deadLetters, null);
        proxied.inspect(viaProxy, queues.deadLetter());
        proxy.cutAfterClientBytes(cut);
        try {
          cutOff.moveBatch(queues, "r1", 500);
        } catch (BrokerException e) {
          interrupted++;
        }
        // The broker has noticed the cut once the batch's consumers are gone.
        await().untilAsserted(() -> assertThat(consumers(queues.deadLetter())).isZero());
        // Run again (on a connection of its own) until done, as the Tenant's next reconciliations.
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(() -> redrive.moveBatch(queues, "r1", 500).finished());
        assertMoved(queues, deadLetters, 1);
      }
      assertThat(interrupted).as("cuts that interrupted a batch").isGreaterThan(cuts.size() / 2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"quorum", "classic"})
  void aBatchIsBoundedAndTheNextOneGoesOn(String type) throws Exception {
    var queues = queues(type, Map.of());
    deadLetter(queues, 5, null);

    assertThat(redrive.moveBatch(queues, "r1", 3))
        .isEqualTo(new DeadLetterRedrive.Batch(3, 2, false));
    assertThat(redrive.moveBatch(queues, "r1", 3))
        .isEqualTo(new DeadLetterRedrive.Batch(2, 0, true));
    assertThat(count(queues.main())).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"quorum", "classic"})
  void aMessageThisRedriveMovedBeforeEndsItAndStaysDeadLettered(String type) throws Exception {
    var queues = queues(type, Map.of());
    deadLetter(queues, 2, "r1");
    deadLetter(queues, 1, null);

    assertThat(redrive.moveBatch(queues, "r1", 100))
        .isEqualTo(new DeadLetterRedrive.Batch(0, 3, true));
    assertThat(count(queues.main())).isZero();

    await()
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(redrive.moveBatch(queues, "r2", 100))
                    .as("a new redrive moves them again")
                    .isEqualTo(new DeadLetterRedrive.Batch(3, 0, true)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"quorum", "classic"})
  void copiesTheBrokerRefusesStayInTheDeadLetterQueue(String type) throws Exception {
    // A classic main queue that takes 2 messages and nacks the publish of any more (a quorum queue
    // applies its length limit a little late).
    var queues = queues(type, "classic", Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
    deadLetter(queues, 5, null);

    var batch = redrive.moveBatch(queues, "r1", 100);

    assertThat(batch.moved()).isEqualTo(2);
    assertThat(batch.finished()).isFalse();
    assertThat(batch.remaining()).isEqualTo(3);
    assertThat(count(queues.main())).isEqualTo(2);
    await().untilAsserted(() -> assertThat(count(queues.deadLetter())).isEqualTo(3));
    assertThat(exists(RedriveLedger.name(queues)))
        .as("no record of a refused copy is left")
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"quorum", "classic"})
  void aMissingMainQueueMovesNothing(String type) throws Exception {
    var queues = queues(type, Map.of());
    deadLetter(queues, 2, null);
    channel(c -> c.queueDelete(queues.main()));

    assertThatThrownBy(() -> redrive.moveBatch(queues, "r1", 10))
        .isInstanceOf(BrokerException.class)
        .extracting(e -> ((BrokerException) e).failure())
        .isEqualTo(BrokerException.Failure.NOT_FOUND);
    assertThat(count(queues.deadLetter())).isEqualTo(2);
  }

  /** Every dead letter is in the main queue exactly once; none is left, the ledger is gone. */
  private void assertMovedExactlyOnce(TenantQueues queues, int deadLetters) throws Exception {
    assertMoved(queues, deadLetters, 0);
  }

  /** Every dead letter is in the main queue, at most {@code duplicates} of them twice. */
  private void assertMoved(TenantQueues queues, int deadLetters, int duplicates) throws Exception {
    assertThat(drain(queues.deadLetter())).as("left in the dead-letter queue").isEmpty();
    List<String> moved = bodies(drain(queues.main()));
    List<String> expected = IntStream.range(0, deadLetters).mapToObj(i -> "dead " + i).toList();
    assertThat(moved).as("in the main queue").containsAll(expected);
    assertThat(moved.size() - deadLetters).as("copied twice").isBetween(0, duplicates);
    assertThat(moved.stream().distinct().count()).isEqualTo(deadLetters);
    assertThat(exists(RedriveLedger.name(queues))).as("the ledger is dropped").isFalse();
  }

  private TenantQueues queues(String type, Map<String, Object> mainArguments) throws Exception {
    return queues(type, type, mainArguments);
  }

  private TenantQueues queues(String type, String mainType, Map<String, Object> mainArguments)
      throws Exception {
    String main = LocalRabbit.uniqueQueue("redrive");
    var queues = new TenantQueues(main, main + ".dlq", List.of());
    declared.add(queues.main());
    declared.add(queues.deadLetter());
    declared.add(RedriveLedger.name(queues));
    Map<String, Object> arguments = new HashMap<>(mainArguments);
    arguments.put("x-queue-type", mainType);
    channel(
        c -> {
          c.queueDeclare(queues.main(), true, false, false, arguments);
          return c.queueDeclare(
              queues.deadLetter(), true, false, false, Map.of("x-queue-type", type));
        });
    return queues;
  }

  /** Dead letters as the worker leaves them: attempts, reason, x-death; the token if given. */
  private void deadLetter(TenantQueues queues, int count, String token) throws Exception {
    channel(
        c -> {
          c.confirmSelect();
          for (int i = 0; i < count; i++) {
            var headers = new HashMap<String, Object>();
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
          } catch (InterruptedException | TimeoutException e) {
            throw new IOException(e);
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

  private static List<String> bodies(List<GetResponse> messages) {
    return messages.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).toList();
  }

  private long count(String queue) throws Exception {
    return channel(c -> c.queueDeclarePassive(queue).getMessageCount());
  }

  private long consumers(String queue) throws Exception {
    return channel(c -> c.queueDeclarePassive(queue).getConsumerCount());
  }

  private boolean exists(String queue) throws Exception {
    try {
      count(queue);
      return true;
    } catch (BrokerException e) {
      if (e.failure() == BrokerException.Failure.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private <T> T channel(RabbitConnections.ChannelWork<T> work) throws Exception {
    return connections.withChannel(LocalRabbit.admin(), work);
  }
}
