package io.stevedore.operator.broker;

import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes to one queue as ingest does (mandatory, one confirm at a time) until stopped, and
 * counts what the broker accepted: confirmed and not returned as unroutable.
 */
final class ConfirmedPublisher implements Runnable {
  private final ConnectionFactory factory;
  private final String queue;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  ConfirmedPublisher(ConnectionFactory factory, String queue) {
    this.factory = factory;
    this.queue = queue;
  }

  @Override
  public void run() {
    while (running.get()) {
      try (var connection = factory.newConnection("ConfirmedPublisher");
          var channel = connection.createChannel()) {
        channel.confirmSelect();
        var returned = new AtomicBoolean();
        channel.addReturnListener(r -> returned.set(true));
        while (running.get()) {
          returned.set(false);
          channel.basicPublish("", queue, true, null, "late".getBytes(StandardCharsets.UTF_8));
          // The broker sends basic.return before the ack of an unroutable message.
          if (channel.waitForConfirms(5_000) && !returned.get()) {
            accepted.incrementAndGet();
          }
        }
      } catch (Exception e) {
        // Not confirmed, so not accepted (ingest answers 503): publish on a new connection.
        failures.incrementAndGet();
      }
    }
  }

  void stop() {
    running.set(false);
  }

  int accepted() {
    return accepted.get();
  }

  /** Publishes the broker answered with a connection or channel error. */
  int failures() {
    return failures.get();
  }
}
