package io.stevedore.runtime.broker.rabbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.BrokerUnavailableException;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The publisher against the machine's RabbitMQ: confirms, returns, lost connections. */
class RabbitEventPublisherIT {
  private static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

  /** A connection factory that remembers the connections it made, so a test can break them. */
  static final class RecordingConnectionFactory extends ConnectionFactory {
    final List<Connection> connections = new CopyOnWriteArrayList<>();

    RecordingConnectionFactory(int port) {
      setHost("127.0.0.1");
      setPort(port);
      setUsername("guest");
      setPassword("guest");
      setAutomaticRecoveryEnabled(false);
    }

    @Override
    public Connection newConnection(String clientProvidedName)
        throws IOException, TimeoutException {
      Connection connection = super.newConnection(clientProvidedName);
      connections.add(connection);
      return connection;
    }
  }

  private final String namespace = "pub" + UUID.randomUUID().toString().substring(0, 8);
  private final TenantDirectory.Entry tenant = tenant("acme");
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RecordingConnectionFactory factory = new RecordingConnectionFactory(5672);
  private RabbitEventPublisher publisher;
  private Connection admin;
  private Channel channel;

  @BeforeEach
  void declareQueue() throws Exception {
    admin = new RecordingConnectionFactory(5672).newConnection("publisher-test");
    channel = admin.createChannel();
    channel.queueDeclare(
        tenant.queue(),
        true,
        false,
        false,
        RabbitQueueSettings.DEFAULT.mainArguments(
            TenantQueues.of(tenant.namespace(), tenant.name())));
    publisher = new RabbitEventPublisher(factory, meters, 4);
  }

  @AfterEach
  void deleteQueue() throws Exception {
    publisher.close();
    channel.queueDelete(tenant.queue());
    admin.close();
  }

  @Test
  void confirmsEveryBatchOfManyConcurrentPublishers() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> publishers =
          IntStream.range(0, 16)
              .<Future<?>>mapToObj(
                  i ->
                      threads.submit(
                          () -> {
                            for (int n = 0; n < 50; n++) {
                              publisher.publish(tenant, batch(), LONG_TIMEOUT);
                            }
                          }))
              .toList();
      for (Future<?> future : publishers) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(channel.queueDeclarePassive(tenant.queue()).getMessageCount()).isEqualTo(800);
    assertThat(confirms("ack")).isEqualTo(800);
  }

  @Test
  void aBatchForAMissingQueueFailsAtOnce() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> publisher.publish(tenant("nobody"), batch(), LONG_TIMEOUT))
        .isInstanceOf(BrokerUnavailableException.class)
        .hasMessageContaining("has no queue");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(confirms("returned")).isEqualTo(1);
  }

  @Test
  void aLostConnectionFailsWaitingPublishersAtOnceAndIsReplaced() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger acked = new AtomicInteger();
    AtomicLong longestNanos = new AtomicLong();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 4; i++) {
        threads.submit(
            () -> {
              while (!stop.get()) {
                long start = System.nanoTime();
                try {
                  publisher.publish(tenant, batch(), LONG_TIMEOUT);
                  acked.incrementAndGet();
                } catch (BrokerUnavailableException e) {
                  // expected while the connection is replaced
                }
                longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
              }
            });
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() >= 100);
      factory.connections.get(0).abort();
      int ackedBeforeLoss = acked.get();

      await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() >= ackedBeforeLoss + 100);
    } finally {
      stop.set(true);
      threads.shutdown();
      assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(factory.connections).hasSize(2);
    assertThat(Duration.ofNanos(longestNanos.get())).isLessThan(Duration.ofSeconds(5));
    assertThat(channel.queueDeclarePassive(tenant.queue()).getMessageCount())
        .isGreaterThanOrEqualTo(acked.get());
  }

  @Test
  void anUnreachableBrokerFailsPublishesAndHealth() {
    var offline = new RabbitEventPublisher(new RecordingConnectionFactory(1), meters, 4);

    assertThatThrownBy(() -> offline.publish(tenant, batch(), LONG_TIMEOUT))
        .isInstanceOf(BrokerUnavailableException.class)
        .hasMessageContaining("Cannot connect");
    assertThat(new RabbitPublisherHealthIndicator(offline).health().getStatus())
        .isEqualTo(Status.DOWN);
    assertThat(new RabbitPublisherHealthIndicator(publisher).health().getStatus())
        .isEqualTo(Status.UP);
  }

  private double confirms(String result) {
    return meters.counter("stevedore.ingest.confirms", "result", result).count();
  }

  private TenantDirectory.Entry tenant(String name) {
    String queue = TenantQueues.of(namespace, name).main();
    return new TenantDirectory.Entry(name, namespace, queue, "table", 100, 30, List.of(), false);
  }

  private EventBatch batch() {
    var event =
        new DeviceEvent("d1", UUID.randomUUID().toString(), Instant.now(), "ping", Map.of("n", 1));
    return new EventBatch(
        UUID.randomUUID().toString(), "acme", namespace, Instant.now(), List.of(event));
  }
}
