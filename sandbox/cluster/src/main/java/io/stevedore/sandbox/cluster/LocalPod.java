package io.stevedore.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One pod of a Deployment, run by the sandbox as a local JVM process of the runtime jar. */
final class LocalPod {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  private final Pod object;
  private final String name;
  private final String templateHash;
  private final Path directory;
  private final int httpPort;
  private final int managementPort;
  private final String readinessPath;
  private final Process process;
  private volatile boolean reportedReady;

  private LocalPod(
      Pod object,
      String templateHash,
      Path directory,
      int httpPort,
      int managementPort,
      String readinessPath,
      Process process) {
    this.object = object;
    this.name = object.getMetadata().getName();
    this.templateHash = templateHash;
    this.directory = directory;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.readinessPath = readinessPath;
    this.process = process;
  }

  /**
   * Starts {@code java -jar runtimeJar} with the container's environment; the ports replace the
   * container ports, since every pod shares this machine's network.
   */
  static LocalPod start(
      Pod object,
      String templateHash,
      Path directory,
      Path runtimeJar,
      Map<String, String> environment,
      String readinessPath,
      List<String> jvmOptions) {
    String name = object.getMetadata().getName();
    int httpPort = freePort();
    int managementPort = freePort();
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar"));
    command.addAll(1, jvmOptions);
    command.add(runtimeJar.toString());
    var builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("SERVER_PORT", String.valueOf(httpPort));
    builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
    Path log = directory.resolve("pod.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      return new LocalPod(
          object,
          templateHash,
          directory,
          httpPort,
          managementPort,
          readinessPath,
          builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start pod " + name, e);
    }
  }

  String name() {
    return name;
  }

  String namespace() {
    return object.getMetadata().getNamespace();
  }

  /** The Pod object as created. */
  Pod object() {
    return object;
  }

  int managementPort() {
    return managementPort;
  }

  /** The readiness last written to the Pod object. */
  boolean reportedReady() {
    return reportedReady;
  }

  void reportedReady(boolean ready) {
    reportedReady = ready;
  }

  String templateHash() {
    return templateHash;
  }

  int httpPort() {
    return httpPort;
  }

  /** Where the pod keeps its volumes and its log. */
  Path directory() {
    return directory;
  }

  Path log() {
    return directory.resolve("pod.log");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  ProcessHandle process() {
    return process.toHandle();
  }

  /** The readiness probe, as the kubelet runs it. */
  boolean isReady() {
    if (!process.isAlive()) {
      return false;
    }
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + managementPort + readinessPath))
                  .timeout(Duration.ofSeconds(1))
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

  /**
   * Writes a volume's files as the kubelet does: each file replaced at once, and the files its
   * sources no longer hold removed (a reader must not take the set for one atomic swap).
   */
  static void writeVolume(Path target, Map<String, byte[]> files) {
    try {
      Files.createDirectories(target);
      for (Path stale : staleFiles(target, files)) {
        Files.deleteIfExists(stale);
      }
      for (var file : files.entrySet()) {
        Path temp = Files.createTempFile(target, ".update", ".tmp");
        Files.write(temp, file.getValue());
        Files.move(
            temp,
            target.resolve(file.getKey()),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files in {@code target} that are not among {@code files} (update leftovers aside). */
  static List<Path> staleFiles(Path target, Map<String, byte[]> files) {
    if (!Files.isDirectory(target)) {
      return List.of();
    }
    try (var listing = Files.list(target)) {
      return listing
          .filter(path -> !path.getFileName().toString().startsWith(".update"))
          .filter(path -> !files.containsKey(path.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, then the grace period, then SIGKILL: what the kubelet does to a deleted pod. */
  void stop(Duration gracePeriod) {
    terminate();
    awaitExit(gracePeriod);
  }

  /** SIGTERM: the pod starts shutting down (a worker drains). */
  void terminate() {
    process.destroy();
  }

  /** Waits up to the grace period for the process to end, then SIGKILL. */
  void awaitExit(Duration gracePeriod) {
    try {
      if (!process.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
