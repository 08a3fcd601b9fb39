package io.stevedore.runtime.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.TenantQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine's RabbitMQ (127.0.0.1:5672, guest) as tests use it: declares a tenant's queues as the
 * operator does (contract names and arguments), publishes with confirms, and inspects queues.
 */
public final class RabbitTestBroker implements AutoCloseable {
  private static final String MANAGEMENT = "http://127.0.0.1:15672/api/";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Connection connection;
  private final Channel publishing;

  private RabbitTestBroker(Connection connection) throws IOException {
    this.connection = connection;
    this.publishing = connection.createChannel();
    publishing.confirmSelect();
  }

  public static ConnectionFactory connectionFactory() {
    var factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    factory.setUsername("guest");
    factory.setPassword("guest");
    factory.setAutomaticRecoveryEnabled(false);
    return factory;
  }

  public static RabbitTestBroker connect() {
    try {
      return new RabbitTestBroker(connectionFactory().newConnection("stevedore-test"));
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("RabbitMQ at 127.0.0.1:5672 is needed", e);
    }
  }

  /** Declares main, retry and dead-letter queues as the operator provisions them. */
  public void declare(TenantQueues queues) {
    inChannel(
        channel -> {
          for (var d : RabbitQueueSettings.DEFAULT.declarations(queues)) {
            channel.queueDeclare(d.queue(), true, false, false, d.arguments());
          }
        });
  }

  public void delete(TenantQueues queues) {
    inChannel(
        channel -> {
          channel.queueDelete(queues.main());
          channel.queueDelete(queues.deadLetter());
          for (String retry : queues.retries()) {
            channel.queueDelete(retry);
          }
        });
  }

  public void deleteQueue(String queue) {
    inChannel(channel -> channel.queueDelete(queue));
  }

  /** Publishes persistent messages and returns once the broker confirmed all of them. */
  public synchronized void publish(String queue, List<byte[]> bodies, Map<String, Object> headers) {
    var properties =
        new AMQP.BasicProperties.Builder()
            .deliveryMode(2)
            .contentType("application/json")
            .headers(headers)
            .build();
    try {
      for (byte[] body : bodies) {
        publishing.basicPublish("", queue, true, properties, body);
      }
      publishing.waitForConfirmsOrDie(30_000);
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException("Publishing to " + queue + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void publish(String queue, byte[] body) {
    publish(queue, List.of(body), Map.of());
  }

  /** Messages ready in the queue (exact, unlike the management API's sampled statistics). */
  public int ready(String queue) {
    return declareOk(queue).getMessageCount();
  }

  public int consumers(String queue) {
    return declareOk(queue).getConsumerCount();
  }

  /** Takes one message off the queue (acked), or null when it is empty. */
  public GetResponse take(String queue) {
    GetResponse[] response = new GetResponse[1];
    inChannel(channel -> response[0] = channel.basicGet(queue, true));
    return response[0];
  }

  /**
   * Closes client connections by their client-provided name, as a broker failover would; returns
   * how many it closed (the management API lists a new connection after a moment).
   */
  public static int closeConnectionsNamed(String connectionName) {
    int closed = 0;
    JsonNode connections = JsonMapper.shared().readTree(management("GET", "connections").body());
    for (JsonNode connection : connections.values()) {
      if (connectionName.equals(connection.at("/client_properties/connection_name").asString(""))) {
        String name = URLEncoder.encode(connection.get("name").asString(), StandardCharsets.UTF_8);
        management("DELETE", "connections/" + name.replace("+", "%20"));
        closed++;
      }
    }
    return closed;
  }

  private static HttpResponse<String> management(String method, String path) {
    String credentials =
        Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
    var request =
        HttpRequest.newBuilder(URI.create(MANAGEMENT + path))
            .header("Authorization", "Basic " + credentials)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private AMQP.Queue.DeclareOk declareOk(String queue) {
    AMQP.Queue.DeclareOk[] ok = new AMQP.Queue.DeclareOk[1];
    inChannel(channel -> ok[0] = channel.queueDeclarePassive(queue));
    return ok[0];
  }

  private interface ChannelAction {
    void run(Channel channel) throws IOException;
  }

  /** A fresh channel per call: a failed passive declare closes its channel. */
  private void inChannel(ChannelAction action) {
    try (Channel channel = connection.createChannel()) {
      action.run(channel);
    } catch (IOException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
