package io.stevedore.operator.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP connection per broker endpoint, shared by everything the operator does on it; a failed
 * or closed connection is dropped and re-opened on next use, so failures never leak connections.
 */
public final class RabbitConnections implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RabbitConnections.class);
  private static final int TIMEOUT_MILLIS = 3_000;

  /** Work done on a channel of its own; the channel is closed afterwards. */
  @FunctionalInterface
  public interface ChannelWork<T> {
    T apply(Channel channel) throws IOException;
  }

  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private final String connectionName;

  /**
   * @param connectionName shown in the broker's connection list, e.g. the operator's identity
   */
  public RabbitConnections(String connectionName) {
    this.connectionName = connectionName;
  }

  /** Runs {@code work} on a fresh channel of the endpoint's shared connection. */
  public <T> T withChannel(RabbitEndpoint endpoint, ChannelWork<T> work) throws BrokerException {
    Connection connection =
        slots.computeIfAbsent(endpoint.connectionKey(), k -> new Slot()).connection(endpoint);
    Channel channel = null;
    try {
      channel = connection.createChannel();
      if (channel == null) {
        throw new BrokerException(
            BrokerException.Failure.UNAVAILABLE, "no channel available on " + endpoint);
      }
      return work.apply(channel);
    } catch (IOException | ShutdownSignalException e) {
      BrokerException failure = classify(endpoint, e);
      if (!connection.isOpen()) {
        slots.get(endpoint.connectionKey()).discard(connection);
      }
      throw failure;
    } finally {
      if (channel != null && channel.isOpen()) {
        try {
          channel.close();
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
          log.debug("Closing a channel on {} failed: {}", endpoint, e.toString());
        }
      }
    }
  }

  /** Messages ready for delivery in {@code queue}: exact and immediate (a passive declare). */
  public AMQP.Queue.DeclareOk inspect(RabbitEndpoint endpoint, String queue)
      throws BrokerException {
    return withChannel(endpoint, channel -> channel.queueDeclarePassive(queue));
  }

  /** Number of connections currently open (for tests that prove nothing leaks). */
  public int openConnections() {
    return (int) slots.values().stream().filter(Slot::isOpen).count();
  }

  @Override
  public void close() {
    slots.values().forEach(Slot::close);
    slots.clear();
  }

  private BrokerException classify(RabbitEndpoint endpoint, Exception e) {
    ShutdownSignalException signal =
        e instanceof ShutdownSignalException s
            ? s
            : e.getCause() instanceof ShutdownSignalException s ? s : null;
    if (signal != null && signal.getReason() instanceof AMQP.Channel.Close close) {
      var failure =
          switch (close.getReplyCode()) {
            case AMQP.NOT_FOUND -> BrokerException.Failure.NOT_FOUND;
            case AMQP.ACCESS_REFUSED -> BrokerException.Failure.AUTH_FAILED;
            default -> BrokerException.Failure.REJECTED;
          };
      return new BrokerException(failure, close.getReplyText(), e);
    }
    return new BrokerException(
        BrokerException.Failure.UNAVAILABLE,
        "broker " + endpoint + " failed: " + e.getMessage(),
        e);
  }

  /** The connection of one endpoint; opened under its own lock so one slow broker blocks none. */
  private final class Slot {
    private Connection connection;
    private String password;

    synchronized Connection connection(RabbitEndpoint endpoint) throws BrokerException {
      if (connection != null && connection.isOpen() && endpoint.password().equals(password)) {
        return connection;
      }
      close();
      var factory = new ConnectionFactory();
      try {
        factory.setUri(endpoint.amqpUri());
      } catch (Exception e) {
        throw new BrokerException(
            BrokerException.Failure.REJECTED, "invalid AMQP URI " + endpoint.amqpUri(), e);
      }
      factory.setVirtualHost(endpoint.vhost());
      factory.setUsername(endpoint.username());
      factory.setPassword(endpoint.password());
      factory.setAutomaticRecoveryEnabled(false);
      factory.setConnectionTimeout(TIMEOUT_MILLIS);
      factory.setHandshakeTimeout(TIMEOUT_MILLIS);
      factory.setShutdownTimeout(TIMEOUT_MILLIS);
      factory.setChannelRpcTimeout(TIMEOUT_MILLIS);
      factory.setRequestedHeartbeat(15);
      try {
        connection = factory.newConnection(connectionName);
        password = endpoint.password();
        return connection;
      } catch (PossibleAuthenticationFailureException e) {
        throw new BrokerException(
            BrokerException.Failure.AUTH_FAILED,
            "broker " + endpoint + " refused the credentials",
            e);
      } catch (IOException | TimeoutException e) {
        // A vhost the user may not open is refused during the handshake with 530 NOT_ALLOWED.
        boolean vhostRefused =
            e.getCause() instanceof ShutdownSignalException s
                && s.getReason() instanceof AMQP.Connection.Close close
                && close.getReplyCode() == AMQP.NOT_ALLOWED;
        throw new BrokerException(
            vhostRefused
                ? BrokerException.Failure.AUTH_FAILED
                : BrokerException.Failure.UNAVAILABLE,
            vhostRefused
                ? "broker " + endpoint + " refused access to the vhost"
                : "broker " + endpoint + " is unreachable: " + e.getMessage(),
            e);
      }
    }

    synchronized void discard(Connection failed) {
      if (connection == failed) {
        close();
      }
    }

    synchronized boolean isOpen() {
      return connection != null && connection.isOpen();
    }

    synchronized void close() {
      if (connection != null) {
        try {
          connection.abort(TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
          log.debug("Aborting a broker connection failed: {}", e.toString());
        }
        connection = null;
        password = null;
      }
    }
  }
}
