package io.stevedore.runtime.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.BrokerUnavailableException;
import io.stevedore.runtime.broker.EventPublisher;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts batches on their tenant's RabbitMQ queue with publisher confirms. Request threads share a
 * small pool of confirm-mode channels on one connection: a thread holds a channel only while it
 * writes its message and waits for the confirm outside it, so each channel has many messages in
 * flight. Connects lazily, and again after the connection was lost. Queues are the operator's to
 * declare: a message for a missing queue is returned by the broker and fails.
 */
public final class RabbitEventPublisher implements EventPublisher, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RabbitEventPublisher.class);
  private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(1);
  private static final int PERSISTENT = 2;

  /** A place in the channel pool, used by one thread at a time; a closed channel is replaced. */
  private static final class Slot {
    RabbitPublisherChannel channel;
  }

  private final ConnectionFactory factory;
  private final BlockingQueue<Slot> idle;
  private final Map<String, Counter> confirms;
  private final Object connecting = new Object();
  private volatile Connection connection;
  private volatile String blockedBecause;
  private BrokerUnavailableException lastFailure; // guarded by connecting
  private long lastFailureAt; // guarded by connecting

  public RabbitEventPublisher(ConnectionFactory factory, MeterRegistry registry, int channels) {
    this.factory = factory;
    this.idle = new ArrayBlockingQueue<>(channels);
    for (int i = 0; i < channels; i++) {
      idle.add(new Slot());
    }
    this.confirms =
        Stream.of("ack", "nack", "returned", "closed", "timeout")
            .collect(
                Collectors.toMap(
                    result -> result,
                    result ->
                        Counter.builder("stevedore.ingest.confirms")
                            .description("Publisher confirms of ingest batches, by result")
                            .tag("result", result)
                            .register(registry)));
  }

  @Override
  public void publish(TenantDirectory.Entry tenant, EventBatch batch, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    var properties =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(PERSISTENT)
            .messageId(batch.batchId())
            .timestamp(Date.from(batch.receivedAt()))
            .headers(Map.of(TenantQueues.TENANT_HEADER, tenant.name()))
            .build();
    var pending = send(tenant.queue(), properties, EventBatchCodec.encode(batch), deadline);
    awaitConfirm(pending, deadline, timeout);
  }

  /** Connects unless connected; throws when the broker cannot be reached (readiness uses this). */
  public void ensureConnected() {
    connection();
  }

  private RabbitPublisherChannel.Pending send(
      String queue, AMQP.BasicProperties properties, byte[] body, long deadline) {
    String blocked = blockedBecause;
    if (blocked != null) {
      throw new BrokerUnavailableException("RabbitMQ blocks publishers: " + blocked, null);
    }
    Slot slot = borrow(deadline);
    try {
      if (slot.channel == null || !slot.channel.isOpen()) {
        slot.channel = RabbitPublisherChannel.open(connection());
      }
      return slot.channel.publish(queue, properties, body);
    } catch (IOException | ShutdownSignalException e) {
      throw new BrokerUnavailableException("Publishing to RabbitMQ failed: " + e.getMessage(), e);
    } finally {
      idle.add(slot);
    }
  }

  private Slot borrow(long deadline) {
    try {
      Slot slot = idle.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (slot == null) {
        confirms.get("timeout").increment();
        throw new BrokerUnavailableException("No RabbitMQ channel was free in time", null);
      }
      return slot;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnavailableException("Interrupted waiting for a RabbitMQ channel", e);
    }
  }

  private void awaitConfirm(
      RabbitPublisherChannel.Pending pending, long deadline, Duration timeout) {
    try {
      pending.confirmed.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      confirms.get("ack").increment();
    } catch (TimeoutException e) {
      pending.forget();
      confirms.get("timeout").increment();
      throw new BrokerUnavailableException("RabbitMQ did not confirm within " + timeout, e);
    } catch (ExecutionException e) {
      var failure = (RabbitPublisherChannel.NotConfirmed) e.getCause();
      confirms.get(failure.result).increment();
      throw new BrokerUnavailableException(failure.getMessage(), failure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.forget();
      throw new BrokerUnavailableException("Interrupted waiting for RabbitMQ's confirm", e);
    }
  }

  private Connection connection() {
    Connection current = connection;
    if (current != null && current.isOpen()) {
      return current;
    }
    synchronized (connecting) {
      current = connection;
      if (current != null && current.isOpen()) {
        return current;
      }
      // While the broker is unreachable, fail fast instead of every request trying to connect.
      if (lastFailure != null && System.nanoTime() - lastFailureAt < RECONNECT_BACKOFF.toNanos()) {
        throw new BrokerUnavailableException(lastFailure.getMessage(), lastFailure);
      }
      try {
        connection = connect();
        lastFailure = null;
        return connection;
      } catch (IOException | TimeoutException e) {
        if (lastFailure == null) {
          log.warn("Cannot connect to RabbitMQ at {}: {}", address(), e.toString());
        }
        lastFailure =
            new BrokerUnavailableException("Cannot connect to RabbitMQ at " + address(), e);
        lastFailureAt = System.nanoTime();
        throw lastFailure;
      }
    }
  }

  private Connection connect() throws IOException, TimeoutException {
    Connection fresh = factory.newConnection("stevedore-ingest");
    fresh.addBlockedListener(
        reason -> {
          blockedBecause = reason;
          log.warn("RabbitMQ blocks publishers: {}", reason);
        },
        () -> {
          blockedBecause = null;
          log.info("RabbitMQ unblocked publishers");
        });
    fresh.addShutdownListener(
        cause -> {
          blockedBecause = null;
          if (!cause.isInitiatedByApplication()) {
            log.warn("RabbitMQ connection lost: {}", cause.getMessage());
          }
        });
    log.info("Connected to RabbitMQ at {}", address());
    return fresh;
  }

  private String address() {
    return factory.getHost() + ":" + factory.getPort() + factory.getVirtualHost();
  }

  @Override
  public void close() {
    Connection current = connection;
    if (current != null && current.isOpen()) {
      try {
        current.close((int) Duration.ofSeconds(5).toMillis());
      } catch (IOException | RuntimeException e) {
        log.debug("Closing the RabbitMQ connection: {}", e.toString());
      }
    }
  }
}
