package io.stevedore.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.RabbitManagement;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.storage.MySqlEndpoint;
import io.stevedore.sandbox.aws.LocalAws;
import io.stevedore.sandbox.aws.LocalDynamoDb;
import io.stevedore.sandbox.aws.LocalSqs;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's services for the sandbox, on this machine: its RabbitMQ and MariaDB (which
 * `./stevedore sandbox` starts), and DynamoDB Local and ElasticMQ (SQS) in this process. Each run
 * gets the RabbitMQ vhost, database and pods' work directory its {@link RunRecord} names, removed
 * when it closes, and the example resources are pointed at them ({@link #localize}) instead of the
 * cluster addresses they name.
 */
public final class SandboxPlatform implements AutoCloseable {
  static final URI AMQP = URI.create("amqp://127.0.0.1:5672");
  static final URI MANAGEMENT = URI.create("http://127.0.0.1:15672");
  static final String MYSQL_SERVER = "jdbc:mysql://127.0.0.1:3306/";
  static final String MYSQL_USER = "stevedore";
  static final String MYSQL_PASSWORD = "stevedore";
  static final String AWS_REGION = LocalAws.REGION.id();

  /**
   * This machine's "node capacity" per Deployment: pods beyond it stay pending, as on a full node.
   */
  static final int MAX_PODS_PER_DEPLOYMENT = 2;

  private static final RabbitEndpoint ADMIN =
      new RabbitEndpoint(AMQP, "/", "guest", "guest", MANAGEMENT);

  private final RunRecord run;
  private final String vhost;
  private final String database;
  private final LocalDynamoDb dynamo;
  private final LocalSqs sqs;

  private SandboxPlatform(RunRecord run) throws Exception {
    this.run = run;
    this.vhost = run.vhost();
    this.database = run.database();
    try {
      new RabbitManagement().putVhost(ADMIN, vhost, ADMIN.username());
    } catch (BrokerException e) {
      throw new IllegalStateException(
          "RabbitMQ with its management API is needed at "
              + MANAGEMENT
              + " (./stevedore sandbox starts it): "
              + e.getMessage(),
          e);
    }
    try (var connection = server().connect();
        var sql = connection.createStatement()) {
      sql.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "MariaDB is needed at 127.0.0.1:3306 with user stevedore (./stevedore sandbox sets it up): "
              + e.getMessage(),
          e);
    }
    Files.createDirectories(run.workDirectory());
    // The operator's AWS clients use the default credential chain: LocalDynamoDb offers keys.
    dynamo = LocalDynamoDb.start();
    sqs = LocalSqs.start();
  }

  /** Starts DynamoDB Local and ElasticMQ and makes the run's vhost, database and work directory. */
  public static SandboxPlatform start(RunRecord run) throws Exception {
    return new SandboxPlatform(run);
  }

  public String dynamoEndpoint() {
    return dynamo.endpoint();
  }

  public String sqsEndpoint() {
    return sqs.endpoint();
  }

  public String vhost() {
    return vhost;
  }

  public String jdbcUrl() {
    return MYSQL_SERVER + database;
  }

  /**
   * The examples with every Environment pointed at this machine's services and the Secrets they
   * reference holding this machine's credentials; other objects are returned as they are.
   */
  public List<HasMetadata> localize(List<HasMetadata> objects) {
    Map<String, Map<String, String>> secretData = new HashMap<>();
    for (HasMetadata object : objects) {
      if (object instanceof Environment environment) {
        var spec = environment.getSpec();
        var rabbit = spec.getBroker().getRabbitmq();
        if (rabbit != null) {
          rabbit.setUrl(AMQP.toString());
          rabbit.setManagementUrl(MANAGEMENT.toString());
          rabbit.setVhost(vhost);
          var ref = rabbit.getCredentialsSecretRef();
          secretData
              .computeIfAbsent(ref.getName(), k -> new HashMap<>())
              .putAll(Map.of(ref.getUsernameKey(), "guest", ref.getPasswordKey(), "guest"));
        }
        var sqsSpec = spec.getBroker().getSqs();
        if (sqsSpec != null) {
          sqsSpec.setEndpoint(sqsEndpoint());
          sqsSpec.setRegion(AWS_REGION);
        }
        spec.getStorage().getDynamodb().setEndpoint(dynamoEndpoint());
        spec.getStorage().getDynamodb().setRegion(AWS_REGION);
        var mysql = spec.getStorage().getMysql().getConnectionSecretRef();
        secretData
            .computeIfAbsent(mysql.getName(), k -> new HashMap<>())
            .putAll(
                Map.of(
                    mysql.getUrlKey(), jdbcUrl(),
                    mysql.getUsernameKey(), MYSQL_USER,
                    mysql.getPasswordKey(), MYSQL_PASSWORD));
      }
    }
    List<HasMetadata> localized = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof Secret secret
          && secretData.containsKey(secret.getMetadata().getName())) {
        secret.setData(null);
        secret.setStringData(secretData.get(secret.getMetadata().getName()));
      }
      localized.add(object);
    }
    return localized;
  }

  /** How the sandbox's kubelet runs platform pods: the runtime jar, small JVMs, local AWS keys. */
  public LocalKubelet.Settings kubeletSettings(Path runtimeJar) {
    return new LocalKubelet.Settings(
        Map.of(Labels.PART_OF, "stevedore"),
        runtimeJar,
        run.workDirectory(),
        MAX_PODS_PER_DEPLOYMENT,
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
        Map.of(
            "AWS_ACCESS_KEY_ID", "sandbox",
            "AWS_SECRET_ACCESS_KEY", "sandbox",
            "AWS_REGION", AWS_REGION));
  }

  @Override
  public void close() {
    try {
      sqs.close();
    } catch (RuntimeException e) {
      System.err.println("Could not stop ElasticMQ: " + e.getMessage());
    }
    try {
      dynamo.close();
    } catch (RuntimeException e) {
      System.err.println("Could not stop DynamoDB Local: " + e.getMessage());
    }
    remove(run);
  }

  /**
   * Removes what {@code run} made on this machine: its vhost with the tenants' broker users named
   * after it, its database and its work directory. What is already gone is skipped.
   */
  static void remove(RunRecord run) {
    var management = new RabbitManagement();
    try {
      // Deleting the vhost deletes its queues; the tenants' broker users are named after it.
      management.deleteVhost(ADMIN, run.vhost());
      for (String user : management.users(ADMIN)) {
        if (user.startsWith(run.vhost() + "/")) {
          management.deleteUser(ADMIN, user);
        }
      }
    } catch (BrokerException e) {
      System.err.println("Could not delete sandbox vhost " + run.vhost() + ": " + e.getMessage());
    }
    try (var connection = server().connect();
        var sql = connection.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + run.database());
    } catch (SQLException e) {
      System.err.println(
          "Could not drop sandbox database " + run.database() + ": " + e.getMessage());
    }
    deleteTree(run.workDirectory());
  }

  private static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("Could not delete " + directory + ": " + e.getMessage());
    }
  }

  private static MySqlEndpoint server() {
    return new MySqlEndpoint(MYSQL_SERVER, MYSQL_USER, MYSQL_PASSWORD);
  }
}
