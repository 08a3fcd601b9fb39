package io.stevedore.runtime.broker.rabbit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.broker.Delivery;
import io.stevedore.runtime.broker.QueueConsumers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's consumers on RabbitMQ: one channel per tenant queue, with prefetch and manual acks.
 * A supervisor thread owns the connection and channels: it (re)connects with backoff when the
 * connection is lost, starts consumers for served queues (retrying queues that do not exist yet),
 * and stops those of tenants no longer served once their deliveries are settled. Unacked messages
 * of a lost connection are redelivered by the broker.
 */
public final class RabbitQueueConsumers implements QueueConsumers {
  private static final Logger log = LoggerFactory.getLogger(RabbitQueueConsumers.class);
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final ConnectionFactory factory;
  private final int prefetch;
  private final String connectionName;
  private final RabbitDeliveryForwarder forwarder;
  private final ScheduledExecutorService supervisor;

  // Touched only on the supervisor thread.
  private final Map<String, RabbitQueueConsumer> consumers = new HashMap<>();
  private final List<RabbitQueueConsumer> stopping = new ArrayList<>();
  private final Set<String> unavailableQueues = new HashSet<>();
  private int connectFailures;
  private long nextConnectAttemptNanos = System.nanoTime();

  private volatile Connection connection;
  private volatile List<TenantDirectory.Entry> tenants = List.of();
  private volatile Consumer<Delivery> handler;
  private volatile boolean consuming;

  /**
   * @param prefetch unacked messages the broker sends each queue's consumer
   * @param confirmTimeout how long moving a failed message waits for the broker's confirm
   */
  public RabbitQueueConsumers(ConnectionFactory factory, int prefetch, Duration confirmTimeout) {
    this.factory = factory;
    this.prefetch = prefetch;
    this.connectionName = "stevedore-worker-" + UUID.randomUUID().toString().substring(0, 8);
    this.forwarder =
        new RabbitDeliveryForwarder(factory, connectionName + "-forwarder", confirmTimeout);
    this.supervisor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "rabbit-consumers");
              thread.setDaemon(true);
              return thread;
            });
    supervisor.scheduleWithFixedDelay(
        this::reconcile, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The client-provided name of the consuming connection (the forwarder's adds "-forwarder"). */
  public String connectionName() {
    return connectionName;
  }

  @Override
  public void serve(List<TenantDirectory.Entry> tenants, Consumer<Delivery> handler) {
    this.tenants = List.copyOf(tenants);
    this.handler = handler;
    this.consuming = true;
    runOnSupervisor(this::reconcile);
  }

  @Override
  public void stopConsuming() {
    consuming = false;
    runOnSupervisor(this::cancelAll);
  }

  @Override
  public void close() {
    consuming = false;
    runOnSupervisor(this::closeConnection);
    supervisor.shutdownNow();
    forwarder.close();
  }

  /**
   * Drops the connections at once, as a crashing process would: nothing more is settled or
   * forwarded, and the broker redelivers every unsettled message. Tests use it to prove that a
   * crash loses nothing.
   */
  public void abort() {
    consuming = false;
    supervisor.shutdownNow();
    try {
      supervisor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Connection current = connection;
    if (current != null) {
      current.abort();
    }
    forwarder.close();
  }

  private void reconcile() {
    try {
      closeSettledStopping();
      if (consuming && connected()) {
        matchConsumersToTenants();
      }
    } catch (RuntimeException e) {
      log.warn("Updating RabbitMQ consumers failed; retrying", e);
    }
  }

  private boolean connected() {
    if (connection != null && connection.isOpen()) {
      return true;
    }
    if (System.nanoTime() - nextConnectAttemptNanos < 0) {
      return false;
    }
    // Channels of a lost connection are closed: their consumers are gone.
    consumers.clear();
    stopping.clear();
    try {
      Connection opened = factory.newConnection(connectionName);
      opened.addShutdownListener(
          cause -> {
            if (!cause.isInitiatedByApplication()) {
              log.warn("RabbitMQ connection lost ({}); reconnecting", cause.getMessage());
              runLaterOnSupervisor(this::reconcile);
            }
          });
      connection = opened;
      connectFailures = 0;
      log.info("Connected to RabbitMQ as {}", connectionName);
      return true;
    } catch (IOException | TimeoutException e) {
      connectFailures++;
      long backoff = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(connectFailures - 1, 10));
      nextConnectAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
      log.warn("RabbitMQ unreachable ({}); retrying in {} ms", e.getMessage(), backoff);
      return false;
    }
  }

  private void matchConsumersToTenants() {
    Map<String, TenantDirectory.Entry> wanted = new HashMap<>();
    tenants.forEach(tenant -> wanted.put(tenant.queue(), tenant));
    for (Iterator<RabbitQueueConsumer> it = consumers.values().iterator(); it.hasNext(); ) {
      RabbitQueueConsumer consumer = it.next();
      if (!wanted.containsKey(consumer.tenant().queue())) {
        log.info("No longer serving {}", consumer.tenant().queue());
        consumer.cancel();
      }
      if (!consumer.alive()) {
        stopping.add(consumer);
        it.remove();
      }
    }
    wanted.values().stream()
        .filter(tenant -> !consumers.containsKey(tenant.queue()))
        .forEach(this::startConsumer);
  }

  private void startConsumer(TenantDirectory.Entry tenant) {
    Channel channel = null;
    try {
      channel = connection.createChannel();
      var consumer = new RabbitQueueConsumer(channel, tenant, handler, forwarder);
      consumer.start(prefetch);
      consumers.put(tenant.queue(), consumer);
      unavailableQueues.remove(tenant.queue());
      log.info("Consuming {} with prefetch {}", tenant.queue(), prefetch);
    } catch (IOException | RuntimeException e) {
      // Typically the operator has not declared the queue yet: retried every tick, warned once.
      if (unavailableQueues.add(tenant.queue())) {
        log.warn("Cannot consume {} yet: {}", tenant.queue(), rootMessage(e));
      }
      if (channel != null && channel.isOpen()) {
        try {
          channel.abort();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  private void cancelAll() {
    consumers.values().forEach(RabbitQueueConsumer::cancel);
    stopping.addAll(consumers.values());
    consumers.clear();
  }

  /** Closes the channels of stopped consumers once all their deliveries are settled. */
  private void closeSettledStopping() {
    stopping.removeIf(
        consumer -> {
          if (consumer.idle()) {
            consumer.close();
            return true;
          }
          return false;
        });
  }

  private void closeConnection() {
    Connection current = connection;
    connection = null;
    consumers.clear();
    stopping.clear();
    if (current != null && current.isOpen()) {
      // Whatever is still unacked goes back to the queue.
      current.abort(5_000);
    }
  }

  private void runOnSupervisor(Runnable action) {
    try {
      Future<?> done = supervisor.submit(action);
      done.get(30, TimeUnit.SECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("Consumers already closed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("RabbitMQ consumers did not respond: {}", e.toString());
    }
  }

  private void runLaterOnSupervisor(Runnable action) {
    try {
      supervisor.execute(action);
    } catch (RejectedExecutionException e) {
      log.debug("Consumers already closed");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
