package io.stevedore.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.sandbox.aws.LocalDynamoDb;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real services the platform runs on, on this machine: RabbitMQ with its management API and
 * MariaDB (set up by `./stevedore test`; a throwaway database per instance) and DynamoDB Local in
 * this process; and Environments that point at them.
 */
public final class PlatformServices implements AutoCloseable {
  public static final String MYSQL_USER = "stevedore";
  public static final String MYSQL_PASSWORD = "stevedore";
  public static final String RABBIT_URL = "amqp://127.0.0.1:5672";
  public static final String RABBIT_MANAGEMENT = "http://127.0.0.1:15672";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final String database =
      "stevedore_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final LocalDynamoDb dynamo;
  private final Connection rabbit;

  public PlatformServices() throws Exception {
    sql("jdbc:mysql://127.0.0.1:3306/", "CREATE DATABASE " + database);
    dynamo = LocalDynamoDb.start();
    var factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    factory.setAutomaticRecoveryEnabled(false);
    rabbit = factory.newConnection("stevedore-test-services");
  }

  public String jdbcUrl() {
    return "jdbc:mysql://127.0.0.1:3306/" + database;
  }

  public String dynamoEndpoint() {
    return dynamo.endpoint();
  }

  public DynamoDbClient dynamo() {
    return dynamo.client();
  }

  /** The Secrets an Environment named {@code environment} refers to, for these services. */
  public List<Secret> secrets(String namespace, String environment) {
    return secrets(namespace, environment, jdbcUrl());
  }

  /** As {@link #secrets(String, String)}, with another JDBC URL (e.g. through a proxy). */
  public List<Secret> secrets(String namespace, String environment, String jdbcUrl) {
    return List.of(
        secret(
            namespace, environment + "-rabbitmq", Map.of("username", "guest", "password", "guest")),
        secret(
            namespace,
            environment + "-mysql",
            Map.of("url", jdbcUrl, "username", MYSQL_USER, "password", MYSQL_PASSWORD)));
  }

  /** An Environment whose broker and stores are these services (RabbitMQ, vhost "/"). */
  public Environment environment(String namespace, String name) {
    var environment = Fixtures.environment(namespace, name);
    var rabbitSpec = environment.getSpec().getBroker().getRabbitmq();
    rabbitSpec.setUrl(RABBIT_URL);
    rabbitSpec.setManagementUrl(RABBIT_MANAGEMENT);
    environment.getSpec().getStorage().getDynamodb().setEndpoint(dynamoEndpoint());
    return environment;
  }

  /** Runs {@code work} on a fresh channel as the broker's administrator. */
  public <T> T rabbit(RabbitWork<T> work) throws IOException {
    try (Channel channel = rabbit.createChannel()) {
      return work.apply(channel);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException(e);
    }
  }

  /** Work on a broker channel. */
  @FunctionalInterface
  public interface RabbitWork<T> {
    T apply(Channel channel) throws IOException;
  }

  /** A channel of its own as the broker's administrator; the caller closes it. */
  public Channel rabbitChannel() throws IOException {
    return rabbit.createChannel();
  }

  /** Whether the queue exists (a passive declare on its own channel). */
  public boolean queueExists(String queue) {
    try {
      return rabbit(channel -> channel.queueDeclarePassive(queue) != null);
    } catch (IOException e) {
      return false;
    }
  }

  /** Declares a tenant's queues as the contract says. */
  public void declareQueues(TenantQueues queues) throws Exception {
    io.stevedore.operator.broker.LocalRabbit.declareTenantQueues(queues);
  }

  /** The management API's answer to GET {@code path} (as the administrator), or null on 404. */
  public JsonNode management(String path) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(RABBIT_MANAGEMENT + path))
                .header("Authorization", basic("guest", "guest"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 404
        ? null
        : Serialization.jsonMapper().readTree(response.body());
  }

  /**
   * Deletes every queue and broker user of the namespaces' tenants, for test classes whose tenants
   * were not all offboarded.
   */
  public void deleteBrokerObjects(List<String> namespaces) throws Exception {
    if (namespaces.isEmpty()) {
      return;
    }
    List<String> queues = new ArrayList<>();
    management("/api/queues/%2F?columns=name").forEach(q -> queues.add(q.path("name").asText()));
    List<String> users = new ArrayList<>();
    management("/api/users").forEach(u -> users.add(u.path("name").asText()));
    for (String namespace : namespaces) {
      String prefix = "tenant." + namespace + ".";
      for (String queue : queues) {
        if (queue.startsWith(prefix)) {
          rabbit(channel -> channel.queueDelete(queue));
        }
      }
      for (String user : users) {
        // Tenant users, and the tenants baseline's users (named `<namespace>/<tenant>`).
        if (user.startsWith(prefix) || user.startsWith(namespace + "/")) {
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          RABBIT_MANAGEMENT
                              + "/api/users/"
                              + URLEncoder.encode(user, StandardCharsets.UTF_8)))
                  .header("Authorization", basic("guest", "guest"))
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
        }
      }
    }
  }

  /** Rows of {@code query} (one bound parameter per {@code params}), each as a list of strings. */
  public List<List<String>> query(String query, Object... params) throws SQLException {
    try (var connection = DriverManager.getConnection(jdbcUrl(), MYSQL_USER, MYSQL_PASSWORD);
        var statement = connection.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<List<String>> rows = new ArrayList<>();
      try (var result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            row.add(result.getString(c));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** Runs an update statement in this database. */
  public void update(String statement, Object... params) throws SQLException {
    try (var connection = DriverManager.getConnection(jdbcUrl(), MYSQL_USER, MYSQL_PASSWORD);
        var prepared = connection.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        prepared.setObject(i + 1, params[i]);
      }
      prepared.executeUpdate();
    }
  }

  @Override
  public void close() throws Exception {
    rabbit.abort();
    dynamo.close();
    sql("jdbc:mysql://127.0.0.1:3306/", "DROP DATABASE IF EXISTS " + database);
  }

  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static Secret secret(String namespace, String name, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withStringData(data)
        .build();
  }

  private static void sql(String url, String statement) throws SQLException {
    try (var connection = DriverManager.getConnection(url, MYSQL_USER, MYSQL_PASSWORD);
        var sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }
}
