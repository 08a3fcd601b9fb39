package io.stevedore.operator.sandbox;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.stevedore.operator.api.v1alpha1.Environment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's services for the sandbox, on this machine, so that example Tenants are really
 * provisioned: RabbitMQ (127.0.0.1:5672, guest, with its management API) in a vhost of this run,
 * MariaDB (127.0.0.1:3306, user stevedore) in a database of this run, and DynamoDB Local in this
 * process. `./stevedore sandbox` starts RabbitMQ and MariaDB first; what this run created is gone
 * when it ends.
 */
final class SandboxServices implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SandboxServices.class);
  private static final String RABBIT = "amqp://127.0.0.1:5672";
  private static final String MANAGEMENT = "http://127.0.0.1:15672";
  private static final String MYSQL = "jdbc:mysql://127.0.0.1:3306/";
  private static final String MYSQL_USER = "stevedore";
  private static final String MYSQL_PASSWORD = "stevedore";

  private final String run = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  private final String vhost = "stevedore-sandbox-" + run;
  private final String database = "stevedore_sandbox_" + run;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final DynamoDBProxyServer dynamo;
  private final int dynamoPort;

  private SandboxServices() throws Exception {
    // The operator's AWS clients use the default chain; DynamoDB Local accepts any credentials.
    System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "sandbox"));
    System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "sandbox"));
    System.setProperty("aws.disableEc2Metadata", "true");
    try (var socket = new ServerSocket(0)) {
      dynamoPort = socket.getLocalPort();
    }
    dynamo =
        ServerRunner.createServerFromCommandLineArgs(
            new String[] {
              "-inMemory", "-sharedDb", "-port", String.valueOf(dynamoPort), "-disableTelemetry"
            });
    dynamo.start();
    try {
      management("PUT", "/api/vhosts/" + encode(vhost), "{}");
      management(
          "PUT",
          "/api/permissions/" + encode(vhost) + "/guest",
          "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    } catch (IOException e) {
      log.warn("RabbitMQ's management API at {} is not reachable: {}", MANAGEMENT, e.toString());
    }
    try (var connection = DriverManager.getConnection(MYSQL, MYSQL_USER, MYSQL_PASSWORD);
        var sql = connection.createStatement()) {
      sql.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      log.warn("MariaDB at {} is not reachable as {}: {}", MYSQL, MYSQL_USER, e.toString());
    }
  }

  static SandboxServices start() throws Exception {
    return new SandboxServices();
  }

  /** Points the examples' Environments, and the Secrets they reference, at these services. */
  void retarget(List<HasMetadata> examples) {
    for (HasMetadata object : examples) {
      if (!(object instanceof Environment environment)) {
        continue;
      }
      var spec = environment.getSpec();
      var rabbit = spec.getBroker().getRabbitmq();
      if (rabbit != null) {
        rabbit.setUrl(RABBIT);
        rabbit.setManagementUrl(MANAGEMENT);
        rabbit.setVhost(vhost);
        var ref = rabbit.getCredentialsSecretRef();
        secret(examples, ref.getName()).ifPresent(s -> put(s, ref.getUsernameKey(), "guest"));
        secret(examples, ref.getName()).ifPresent(s -> put(s, ref.getPasswordKey(), "guest"));
      }
      spec.getStorage().getDynamodb().setEndpoint("http://127.0.0.1:" + dynamoPort);
      var mysql = spec.getStorage().getMysql().getConnectionSecretRef();
      secret(examples, mysql.getName())
          .ifPresent(
              s -> {
                put(s, mysql.getUrlKey(), MYSQL + database);
                put(s, mysql.getUsernameKey(), MYSQL_USER);
                put(s, mysql.getPasswordKey(), MYSQL_PASSWORD);
              });
    }
  }

  /** One line for people: where the sandbox's platform services are. */
  String describe() {
    return "RabbitMQ "
        + RABBIT
        + " (vhost "
        + vhost
        + "), MariaDB "
        + MYSQL
        + database
        + ", DynamoDB Local http://127.0.0.1:"
        + dynamoPort;
  }

  @Override
  public void close() {
    try {
      // Deleting the vhost deletes its queues; the tenants' broker users are named after it.
      management("DELETE", "/api/vhosts/" + encode(vhost), null);
      var users = management("GET", "/api/users", null);
      for (var user :
          io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().readTree(users)) {
        String name = user.path("name").asText();
        if (name.startsWith(vhost + "/")) {
          management("DELETE", "/api/users/" + encode(name), null);
        }
      }
    } catch (IOException e) {
      log.warn("Could not remove the sandbox's vhost {}: {}", vhost, e.toString());
    }
    try (var connection = DriverManager.getConnection(MYSQL, MYSQL_USER, MYSQL_PASSWORD);
        var sql = connection.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + database);
    } catch (SQLException e) {
      log.warn("Could not drop the sandbox's database {}: {}", database, e.toString());
    }
    try {
      dynamo.stop();
    } catch (Exception e) {
      log.warn("Stopping DynamoDB Local failed: {}", e.toString());
    }
  }

  private static java.util.Optional<Secret> secret(List<HasMetadata> examples, String name) {
    return examples.stream()
        .filter(Secret.class::isInstance)
        .map(Secret.class::cast)
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst();
  }

  private static void put(Secret secret, String key, String value) {
    if (secret.getStringData() == null) {
      secret.setStringData(new HashMap<>());
    }
    secret.getStringData().put(key, value);
    if (secret.getData() != null) {
      secret.getData().remove(key);
    }
  }

  private String management(String method, String path, String body) throws IOException {
    var request =
        HttpRequest.newBuilder(URI.create(MANAGEMENT + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2 && response.statusCode() != 404) {
        throw new IOException(method + " " + path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
