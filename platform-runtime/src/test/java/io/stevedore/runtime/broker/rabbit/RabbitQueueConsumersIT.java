package io.stevedore.runtime.broker.rabbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.Delivery;
import io.stevedore.runtime.testing.RabbitTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settlement of deliveries on the machine's RabbitMQ: ack, release, retry through the delay queues
 * with the attempt counted in the header, dead-lettering with the reason, and never losing a
 * message when the copy cannot be published; plus prefetch, late queues and reconnection.
 */
class RabbitQueueConsumersIT {
  private final RabbitTestBroker broker = RabbitTestBroker.connect();
  private final List<TenantQueues> declared = new ArrayList<>();
  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger handled = new AtomicInteger();
  private RabbitQueueConsumers consumers;
  private TenantDirectory.Entry tenant;
  private TenantQueues queues;

  @BeforeEach
  void startConsumers() {
    consumers =
        new RabbitQueueConsumers(RabbitTestBroker.connectionFactory(), 3, Duration.ofSeconds(5));
    tenant = tenant();
    queues = TenantQueues.of(tenant.namespace(), tenant.name());
    declare(queues);
  }

  @AfterEach
  void cleanUp() {
    consumers.close();
    declared.forEach(broker::delete);
    broker.close();
  }

  @Test
  void ackRemovesTheMessage() {
    serve(Delivery::ack);
    broker.publish(tenant.queue(), body("one"));

    await().until(() -> handled.get() == 1);
    assertThat(received.get(0).attempt()).isEqualTo(1);
    assertThat(text(received.get(0))).isEqualTo("one");
    assertAllAcked();
  }

  @Test
  void failRetriesThroughTheDelayQueuesCountingAttemptsInTheHeader() {
    serve(delivery -> delivery.fail("boom " + delivery.attempt()));
    broker.publish(tenant.queue(), body("retry me"));

    // Attempt 1 fails into the 1 s queue, which returns it as attempt 2; that fails into the 10 s
    // queue, where it waits as attempt 3 with the last reason.
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(queues.retries().get(1)) == 1);
    assertThat(received).extracting(Delivery::attempt).containsExactly(1, 2);
    var waiting = broker.take(queues.retries().get(1));
    assertThat(new String(waiting.getBody(), StandardCharsets.UTF_8)).isEqualTo("retry me");
    assertThat(waiting.getProps().getHeaders())
        .containsEntry(TenantQueues.ATTEMPTS_HEADER, 3)
        .hasEntrySatisfying(
            TenantQueues.FAILURE_HEADER, reason -> assertThat(reason).hasToString("boom 2"));
    assertThat(broker.ready(tenant.queue())).isZero();
    assertThat(broker.ready(queues.deadLetter())).isZero();
  }

  @Test
  void failOnTheLastAttemptDeadLettersWithTheReason() {
    serve(delivery -> delivery.fail("table missing"));
    broker.publish(
        tenant.queue(),
        List.of(body("poison")),
        Map.of(TenantQueues.ATTEMPTS_HEADER, TenantQueues.MAX_ATTEMPTS));

    await().until(() -> handled.get() == 1 && broker.ready(queues.deadLetter()) == 1);
    var dead = broker.take(queues.deadLetter());
    assertThat(dead.getProps().getHeaders())
        .containsEntry(TenantQueues.ATTEMPTS_HEADER, TenantQueues.MAX_ATTEMPTS)
        .hasEntrySatisfying(
            TenantQueues.FAILURE_HEADER, reason -> assertThat(reason).hasToString("table missing"));
    assertThat(dead.getProps().getDeliveryMode()).isEqualTo(2);
    assertAllAcked();
    assertThat(received).hasSize(1);
  }

  @Test
  void failThatCannotBeRepublishedRequeuesTheOriginalInsteadOfLosingIt() {
    broker.deleteQueue(queues.retries().get(0));
    serve(
        delivery -> {
          if (received.size() == 1) {
            delivery.fail("first try");
          } else {
            delivery.ack();
          }
        });
    broker.publish(tenant.queue(), body("keep me"));

    await().until(() -> handled.get() == 2);
    assertThat(received).extracting(this::text).containsExactly("keep me", "keep me");
    assertThat(received).extracting(Delivery::attempt).containsExactly(1, 1);
    assertAllAcked();
  }

  @Test
  void releaseReturnsTheMessageWithoutCountingAnAttempt() {
    serve(
        delivery -> {
          if (received.size() == 1) {
            delivery.release();
          } else {
            delivery.ack();
          }
        });
    broker.publish(tenant.queue(), body("later"));

    await().until(() -> handled.get() == 2);
    assertThat(received).extracting(Delivery::attempt).containsExactly(1, 1);
    assertAllAcked();
  }

  @Test
  void prefetchBoundsUnsettledDeliveries() {
    serve(delivery -> {});
    broker.publish(
        tenant.queue(), List.of(body("1"), body("2"), body("3"), body("4"), body("5")), Map.of());

    await().until(() -> handled.get() == 3);
    assertThat(broker.ready(tenant.queue())).isEqualTo(2);
    received.get(0).ack();
    await().until(() -> handled.get() == 4);
  }

  @Test
  void consumesAQueueDeclaredAfterServingStarted() {
    var late = tenant();
    serve(List.of(tenant, late), Delivery::ack);

    declare(TenantQueues.of(late.namespace(), late.name()));
    broker.publish(late.queue(), body("finally"));

    await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1);
    assertThat(received.get(0).tenant()).isEqualTo(late);
  }

  @Test
  void stopsConsumingATenantNoLongerServed() {
    serve(Delivery::ack);
    await().until(() -> broker.consumers(tenant.queue()) == 1);

    serve(List.of(), Delivery::ack);

    await().until(() -> broker.consumers(tenant.queue()) == 0);
  }

  @Test
  void reconnectsAfterTheConnectionIsLostAndGetsUnackedMessagesAgain() {
    serve(delivery -> {});
    broker.publish(tenant.queue(), body("in flight"));
    await().until(() -> handled.get() == 1);

    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptions()
        .until(() -> RabbitTestBroker.closeConnectionsNamed(consumers.connectionName()) > 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 2);

    // The broker redelivers the unacked message on the new connection; the stale one is harmless.
    assertThat(received).extracting(this::text).containsOnly("in flight");
    received.get(0).ack();
    received.get(received.size() - 1).ack();
    assertAllAcked();
  }

  @Test
  void stopConsumingTakesNoNewMessages() {
    serve(Delivery::ack);
    broker.publish(tenant.queue(), body("before"));
    await().until(() -> handled.get() == 1);

    consumers.stopConsuming();
    broker.publish(tenant.queue(), body("after"));

    await().until(() -> broker.consumers(tenant.queue()) == 0);
    assertThat(broker.ready(tenant.queue())).isEqualTo(1);
    assertThat(received).hasSize(1);
  }

  private void serve(Consumer<Delivery> behaviour) {
    serve(List.of(tenant), behaviour);
  }

  private void serve(List<TenantDirectory.Entry> tenants, Consumer<Delivery> behaviour) {
    consumers.serve(
        tenants,
        delivery -> {
          received.add(delivery);
          behaviour.accept(delivery);
          handled.incrementAndGet();
        });
  }

  /**
   * Closing the consumers returns every unsettled message to the queue: an empty queue afterwards
   * proves that all were acked.
   */
  private void assertAllAcked() {
    consumers.close();
    assertThat(broker.ready(tenant.queue())).isZero();
  }

  private void declare(TenantQueues tenantQueues) {
    broker.declare(tenantQueues);
    declared.add(tenantQueues);
  }

  private String text(Delivery delivery) {
    return new String(delivery.body(), StandardCharsets.UTF_8);
  }

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static TenantDirectory.Entry tenant() {
    String namespace = "r" + UUID.randomUUID().toString().substring(0, 8);
    return new TenantDirectory.Entry(
        "acme",
        namespace,
        TenantQueues.of(namespace, "acme").main(),
        "test-" + namespace + ".acme",
        100,
        30,
        List.of(),
        false);
  }
}
