package io.stevedore.runtime.broker.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.broker.BrokerUnavailableException;
import io.stevedore.runtime.broker.QueueDepths;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Queue depths from passive declares on a connection of its own (exact ready counts, unlike the
 * management API's 5-second samples); a queue that does not exist counts as empty.
 */
public final class RabbitQueueDepths implements QueueDepths, AutoCloseable {
  private final ConnectionFactory factory;
  private Connection connection; // guarded by this

  public RabbitQueueDepths(ConnectionFactory factory) {
    this.factory = factory;
  }

  @Override
  public QueueDepth of(TenantDirectory.Entry tenant) {
    TenantQueues queues = TenantQueues.of(tenant.namespace(), tenant.name());
    try {
      long delayed = 0;
      for (String retry : queues.retries()) {
        delayed += messages(retry);
      }
      return new QueueDepth(messages(tenant.queue()), delayed, messages(queues.deadLetter()));
    } catch (IOException | TimeoutException | RuntimeException e) {
      throw new BrokerUnavailableException("RabbitMQ did not answer for queue depths: " + e, e);
    }
  }

  /** Ready messages in {@code queue}; a failed passive declare closes the channel, so one each. */
  private long messages(String queue) throws IOException, TimeoutException {
    try (Channel channel = connection().createChannel()) {
      return channel.queueDeclarePassive(queue).getMessageCount();
    } catch (IOException e) {
      if (e.getCause() instanceof ShutdownSignalException signal
          && signal.getReason() instanceof AMQP.Channel.Close close
          && close.getReplyCode() == AMQP.NOT_FOUND) {
        return 0;
      }
      throw e;
    }
  }

  private synchronized Connection connection() throws IOException, TimeoutException {
    if (connection == null || !connection.isOpen()) {
      connection = factory.newConnection("stevedore-ingest-queue-depths");
    }
    return connection;
  }

  @Override
  public synchronized void close() throws IOException {
    if (connection != null && connection.isOpen()) {
      connection.close();
    }
  }
}
