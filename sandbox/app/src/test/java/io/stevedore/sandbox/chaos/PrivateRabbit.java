package io.stevedore.sandbox.chaos;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.ConnectionFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A RabbitMQ node of its own (own node name, AMQP, management and distribution ports, own data and
 * Erlang cookie), started as a child process so that a scenario can stop the broker for real
 * without touching the machine's shared node. Its data survives {@link #stop()}: quorum queues and
 * their messages are there again after {@link #start()}.
 */
final class PrivateRabbit implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private static final String GUEST =
      "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));

  private final Path directory;
  private final String node;
  private final int amqpPort;
  private final int managementPort;
  private final int distributionPort;
  private Process process;

  private PrivateRabbit(Path directory) {
    this.directory = directory;
    this.node = "stevedore-chaos-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    this.amqpPort = FreePorts.next();
    this.managementPort = FreePorts.next();
    this.distributionPort = FreePorts.next();
  }

  /** Writes the node's configuration under {@code directory} and starts it. */
  static PrivateRabbit start(Path directory) throws IOException {
    if (!Files.isExecutable(SERVER)) {
      throw new IllegalStateException("RabbitMQ is not installed (" + SERVER + ")");
    }
    var rabbit = new PrivateRabbit(directory);
    rabbit.configure();
    rabbit.start();
    return rabbit;
  }

  private void configure() throws IOException {
    Files.createDirectories(directory.resolve("home"));
    Files.createDirectories(directory.resolve("mnesia"));
    Files.createDirectories(directory.resolve("log"));
    // Not the shared node's /etc/rabbitmq files: they name its node and its port 5672.
    Files.writeString(
        directory.resolve("rabbitmq.conf"),
        """
        management.tcp.ip = 127.0.0.1
        management.tcp.port = %d
        loopback_users = none
        """
            .formatted(managementPort));
    Files.writeString(directory.resolve("enabled_plugins"), "[rabbitmq_management].\n");
    Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
    Path cookie = directory.resolve("home").resolve(".erlang.cookie");
    Files.writeString(cookie, UUID.randomUUID().toString().replace("-", "").toUpperCase());
    cookie.toFile().setReadable(false, false);
    cookie.toFile().setReadable(true, true);
    cookie.toFile().setWritable(false, false);
  }

  /** Starts the node (again) and waits until AMQP and the management API answer. */
  synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      return;
    }
    var builder = new ProcessBuilder(SERVER.toString());
    var env = builder.environment();
    env.put("HOME", directory.resolve("home").toString());
    env.put("RABBITMQ_NODENAME", node);
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", String.valueOf(amqpPort));
    env.put("RABBITMQ_DIST_PORT", String.valueOf(distributionPort));
    env.put("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString());
    env.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
    env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
    process =
        builder
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    ChildProcesses.track(process);
    Process started = process;
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(250))
        .failFast("RabbitMQ node " + node + " exited; see " + log(), () -> !started.isAlive())
        .until(() -> listening(amqpPort) && managementAnswers());
  }

  /**
   * Stops the node the hard way, as a crash or a power cut would: SIGKILL to the Erlang VM and its
   * helpers (never to epmd, which the machine's shared node uses too). What it confirmed must be on
   * disk already.
   */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    process
        .descendants()
        .filter(p -> p.info().command().map(c -> !c.endsWith("epmd")).orElse(true))
        .forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !process.isAlive() && !listening(amqpPort) && !listening(managementPort));
    process = null;
  }

  URI amqp() {
    return URI.create("amqp://127.0.0.1:" + amqpPort);
  }

  URI management() {
    return URI.create("http://127.0.0.1:" + managementPort);
  }

  int amqpPort() {
    return amqpPort;
  }

  /** Messages ready in {@code queue} (a passive declare: exact, unlike the management API). */
  long messageCount(String queue) throws Exception {
    var factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:" + amqpPort);
    factory.setAutomaticRecoveryEnabled(false);
    try (var connection = factory.newConnection("stevedore-chaos-count");
        var channel = connection.createChannel()) {
      return channel.queueDeclarePassive(queue).getMessageCount();
    }
  }

  /** Every queue on the node, by name (the management API's listing). */
  List<String> queueNames() throws IOException, InterruptedException {
    var body = managementGet("/api/queues?columns=name");
    List<String> names = new ArrayList<>();
    Serialization.jsonMapper().readTree(body).forEach(q -> names.add(q.path("name").asText()));
    return names;
  }

  /** Every user on the node, by name. */
  List<String> userNames() throws IOException, InterruptedException {
    var body = managementGet("/api/users");
    List<String> names = new ArrayList<>();
    Serialization.jsonMapper().readTree(body).forEach(u -> names.add(u.path("name").asText()));
    return names;
  }

  private String managementGet(String path) throws IOException, InterruptedException {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(management() + path))
                .header("Authorization", GUEST)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode());
    }
    return response.body();
  }

  Path log() {
    return directory.resolve("node.log");
  }

  private boolean managementAnswers() {
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(management() + "/api/overview"))
                  .header("Authorization", GUEST)
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean listening(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("RabbitMQ node " + node + " did not stop", e));
    }
  }
}
