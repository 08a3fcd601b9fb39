package io.stevedore.runtime.bench;

import static org.awaitility.Awaitility.await;

import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A worker pod for benchmarks: the runtime jar in role worker, in its own JVM, on the platform. */
final class WorkerProcess {
  private WorkerProcess() {}

  /** The runtime jar in role worker, in its own JVM, as a pod runs it. */
  static Process start(WorkerTestPlatform platform, Path jar, int concurrency) throws Exception {
    Map<String, String> environment =
        new HashMap<>(RunningRuntime.platform(platform.database, platform.tenants.file()));
    environment.put("STEVEDORE_ROLE", "worker");
    environment.put("STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", platform.dynamo.endpoint());
    environment.put("STEVEDORE_TENANTS_RELOAD_INTERVAL", "PT0.5S");
    environment.put("STEVEDORE_WORKER_CONCURRENCY", String.valueOf(concurrency));
    environment.put("STEVEDORE_WORKER_DRAIN_SECONDS", "30");
    environment.put("LOGGING_LEVEL_ROOT", "WARN");
    environment.put("AWS_ACCESS_KEY_ID", "local");
    environment.put("AWS_SECRET_ACCESS_KEY", "local");
    int management = freePort();
    environment.put("SERVER_PORT", String.valueOf(freePort()));
    environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(management));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString());
    builder.environment().putAll(environment);
    Path log = Files.createTempFile("fairness-worker", ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    System.out.println("worker process " + process.pid() + ", log " + log);
    var http = HttpClient.newHttpClient();
    var ready =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness"))
            .build();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("worker exited; see " + log);
              }
              return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            });
    return process;
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
