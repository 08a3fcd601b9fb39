package io.stevedore.runtime.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Republishes failed deliveries to a retry or dead-letter queue and waits for the broker's confirm.
 * Its own connection, so that broker flow control on publishing never stalls the consumers' acks.
 * Failures are rare, so one confirm at a time is enough.
 */
final class RabbitDeliveryForwarder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RabbitDeliveryForwarder.class);

  private final ConnectionFactory factory;
  private final String connectionName;
  private final Duration confirmTimeout;
  private volatile Connection connection;
  private Channel channel;
  private volatile boolean returned;
  private volatile boolean closed;

  RabbitDeliveryForwarder(ConnectionFactory factory, String connectionName, Duration timeout) {
    this.factory = factory;
    this.connectionName = connectionName;
    this.confirmTimeout = timeout;
  }

  /**
   * Publishes a copy of a message to {@code queue}; true only when the broker confirmed that the
   * queue took it (a missing queue returns the message, which counts as not taken).
   */
  synchronized boolean forward(String queue, AMQP.BasicProperties properties, byte[] body) {
    if (closed) {
      // After a crash or shutdown the original goes back to the queue; no copy is made.
      return false;
    }
    try {
      Channel publishing = channel();
      returned = false;
      publishing.basicPublish("", queue, true, properties, body);
      publishing.waitForConfirmsOrDie(confirmTimeout.toMillis());
      if (returned) {
        log.error("Queue {} does not exist: a failed message cannot move there", queue);
        return false;
      }
      return true;
    } catch (IOException | TimeoutException | ShutdownSignalException e) {
      log.warn("Publishing to {} was not confirmed: {}", queue, e.getMessage());
      closeChannel();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeChannel();
      return false;
    }
  }

  private Channel channel() throws IOException, TimeoutException {
    if (channel != null && channel.isOpen()) {
      return channel;
    }
    if (connection == null || !connection.isOpen()) {
      connection = factory.newConnection(connectionName);
    }
    channel = connection.createChannel();
    channel.confirmSelect();
    // Called before the confirm of the same message, so forward() sees it after waiting.
    channel.addReturnListener(message -> returned = true);
    return channel;
  }

  private void closeChannel() {
    try {
      if (channel != null && channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | TimeoutException | ShutdownSignalException e) {
      log.debug("Closing the forwarding channel failed: {}", e.getMessage());
    }
    channel = null;
  }

  /** Closes the connection; a publish in progress then counts as not confirmed. */
  @Override
  public void close() {
    closed = true;
    Connection current = connection;
    if (current != null && current.isOpen()) {
      current.abort(5_000);
    }
  }
}
