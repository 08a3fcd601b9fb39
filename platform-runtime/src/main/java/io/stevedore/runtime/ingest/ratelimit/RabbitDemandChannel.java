package io.stevedore.runtime.ingest.ratelimit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demand reports over RabbitMQ: a fanout exchange per Environment, and on each pod a server-named,
 * exclusive, auto-delete queue bound to it, so every pod gets every report (its own too). Reports
 * are transient: they expire after {@code reportTtl} and a queue keeps only the latest few hundred.
 * Connects on the first publish, and again (at most once per second) after a failure.
 */
public final class RabbitDemandChannel implements DemandChannel {
  private static final Logger log = LoggerFactory.getLogger(RabbitDemandChannel.class);
  private static final long RECONNECT_BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();
  private static final int MAX_QUEUED_REPORTS = 500;

  private final ConnectionFactory factory;
  private final String exchange;
  private final Duration reportTtl;
  private Consumer<DemandReport> listener;
  private Connection connection; // guarded by this
  private Channel channel; // guarded by this
  private long lastAttemptAt; // guarded by this
  private boolean failing; // guarded by this

  /**
   * @param exchange the Environment's exchange, e.g. {@link #exchangeOf}
   * @param reportTtl how long a report is worth delivering
   */
  public RabbitDemandChannel(ConnectionFactory factory, String exchange, Duration reportTtl) {
    this.factory = factory;
    this.exchange = exchange;
    this.reportTtl = reportTtl;
  }

  /** The exchange the ingest pods of {@code environment} share. */
  public static String exchangeOf(String environment) {
    return "stevedore.ingest.demand." + (environment == null ? "default" : environment);
  }

  @Override
  public void start(Consumer<DemandReport> listener) {
    this.listener = listener;
  }

  @Override
  public synchronized boolean publish(DemandReport report) {
    try {
      var properties =
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .expiration(String.valueOf(reportTtl.toMillis()))
              .build();
      channel().basicPublish(exchange, "", properties, report.encode());
      if (failing) {
        failing = false;
        log.info("Demand reports flow again on exchange {}", exchange);
      }
      return true;
    } catch (IOException | TimeoutException | RuntimeException e) {
      if (!failing) {
        failing = true;
        log.warn("Cannot share demand on exchange {}: {}", exchange, describe(e));
      }
      disconnect();
      return false;
    }
  }

  private Channel channel() throws IOException, TimeoutException {
    if (channel != null && channel.isOpen()) {
      return channel;
    }
    long now = System.nanoTime();
    if (lastAttemptAt != 0 && now - lastAttemptAt < RECONNECT_BACKOFF_NANOS) {
      throw new IOException("waiting before reconnecting");
    }
    lastAttemptAt = now;
    disconnect();
    connection = factory.newConnection("stevedore-ingest-demand");
    Channel fresh = connection.createChannel();
    fresh.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, false, false, null);
    String queue =
        fresh
            .queueDeclare(
                "",
                false,
                true,
                true,
                Map.of(
                    "x-message-ttl",
                    (int) reportTtl.toMillis(),
                    "x-max-length",
                    MAX_QUEUED_REPORTS))
            .getQueue();
    fresh.queueBind(queue, exchange, "");
    fresh.basicConsume(queue, true, (tag, delivery) -> deliver(delivery.getBody()), tag -> {});
    channel = fresh;
    return fresh;
  }

  private void deliver(byte[] body) {
    DemandReport report;
    try {
      report = DemandReport.decode(body);
    } catch (RuntimeException e) {
      log.debug("Ignoring a message that is not a demand report: {}", e.toString());
      return;
    }
    listener.accept(report);
  }

  private void disconnect() {
    channel = null;
    if (connection != null) {
      try {
        connection.abort(1000);
      } catch (RuntimeException e) {
        log.debug("Closing the demand connection: {}", e.toString());
      }
      connection = null;
    }
  }

  private static String describe(Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return cause.getMessage() != null ? cause.getMessage() : cause.toString();
  }

  @Override
  public synchronized void reconnect() {
    log.warn("Demand reports stopped coming back on exchange {}: reconnecting", exchange);
    disconnect();
  }

  @Override
  public synchronized void close() {
    disconnect();
  }
}
