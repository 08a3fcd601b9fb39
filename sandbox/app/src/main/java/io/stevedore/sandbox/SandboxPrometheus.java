package io.stevedore.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.stevedore.operator.kube.Labels;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code sandbox --prometheus}: a real Prometheus (Debian's {@code prometheus} binary) on this
 * machine, scraping the operator and every local pod as the chart's ServiceMonitor and PodMonitor
 * do, with the chart's alert rules loaded; the live view shows its pending and firing alerts.
 */
final class SandboxPrometheus implements AutoCloseable {
  /** Short windows so that a backlog alerts within minutes (the chart's default is 60 s). */
  static final Map<String, String> SANDBOX_RULE_VALUES =
      Map.of(
          "OBJECTIVE_SECONDS", "15",
          "ERROR_BUDGET", "(1 - 0.99)",
          "TENANT_NOT_READY_FOR", "2m",
          "RUNBOOK_URL", "docs/runbook.md");

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One alert as Prometheus reports it. */
  record Alert(String name, String state, Map<String, String> labels, String activeAt) {}

  private final Process process;
  private final URI url;
  private final Path targets;
  private final RunRecord record;
  private String writtenTargets = "";

  private SandboxPrometheus(Process process, URI url, Path targets, RunRecord record) {
    this.process = process;
    this.url = url;
    this.targets = targets;
    this.record = record;
  }

  /**
   * Starts Prometheus in {@code directory} with the rule file {@code rules} (the chart's, its
   * placeholders filled as {@code templates/prometheusrule.yaml} does, with sandbox values).
   */
  static SandboxPrometheus start(
      Path directory, Path chartRules, int operatorPort, RunRecord record) throws IOException {
    Files.createDirectories(directory);
    String rules = Files.readString(chartRules);
    for (var value : SANDBOX_RULE_VALUES.entrySet()) {
      rules = rules.replace(value.getKey(), value.getValue());
    }
    Files.writeString(directory.resolve("stevedore.rules.yaml"), rules);
    Path targets = directory.resolve("platform-targets.json");
    Files.writeString(targets, "[]");
    Files.writeString(directory.resolve("prometheus.yml"), config(operatorPort));
    int port = freePort();
    Process process =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--storage.tsdb.retention.time=1d",
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("prometheus.log").toFile())
            .start();
    // Recorded as the pods are, so that a run killed with SIGKILL has it stopped by the next.
    record.started("prometheus", process.toHandle());
    var prometheus =
        new SandboxPrometheus(
            process, URI.create("http://127.0.0.1:" + port + "/"), targets, record);
    prometheus.awaitReady();
    return prometheus;
  }

  /** The Prometheus configuration: scraped and evaluated every 5 s. */
  static String config(int operatorPort) {
    return """
        global:
          scrape_interval: 5s
          evaluation_interval: 5s
        rule_files:
          - stevedore.rules.yaml
        scrape_configs:
          - job_name: stevedore-operator
            metrics_path: /metrics
            honor_labels: true
            static_configs:
              - targets: ["127.0.0.1:%d"]
                labels: {namespace: stevedore-system, pod: operator}
          - job_name: stevedore-platform
            metrics_path: /actuator/prometheus
            honor_labels: true
            file_sd_configs:
              - files: [platform-targets.json]
                refresh_interval: 5s
        """
        .formatted(operatorPort);
  }

  URI url() {
    return url;
  }

  /**
   * Points the platform job at {@code pods}, with the labels the chart's PodMonitor gives them;
   * {@code address} is where each pod's management port is reached.
   */
  void scrape(List<Pod> pods, Function<Pod, Optional<URI>> address) {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Pod pod : pods) {
      var management = address.apply(pod);
      if (management.isEmpty()) {
        continue;
      }
      Map<String, String> podLabels = pod.getMetadata().getLabels();
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("namespace", pod.getMetadata().getNamespace());
      labels.put("pod", pod.getMetadata().getName());
      putIfPresent(labels, "component", podLabels.get(Labels.COMPONENT));
      putIfPresent(labels, "environment", podLabels.get(Labels.ENVIRONMENT));
      putIfPresent(labels, "workerpool", podLabels.get(Labels.WORKER_POOL));
      groups.add(
          Map.of(
              "targets",
              List.of(management.get().getHost() + ":" + management.get().getPort()),
              "labels",
              labels));
    }
    try {
      String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(groups);
      if (!json.equals(writtenTargets)) {
        Path temp = Files.createTempFile(targets.getParent(), ".targets", ".tmp");
        Files.writeString(temp, json);
        Files.move(temp, targets, StandardCopyOption.ATOMIC_MOVE);
        writtenTargets = json;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pending and firing alerts, from {@code /api/v1/alerts}. */
  List<Alert> alerts() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(url.resolve("api/v1/alerts"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("Prometheus answered " + response.statusCode());
    }
    return parseAlerts(response.body());
  }

  static List<Alert> parseAlerts(String body) throws IOException {
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode alert : JSON.readTree(body).path("data").path("alerts")) {
      Map<String, String> labels = new LinkedHashMap<>();
      alert
          .path("labels")
          .fields()
          .forEachRemaining(
              field -> {
                if (!field.getKey().equals("alertname")) {
                  labels.put(field.getKey(), field.getValue().asText());
                }
              });
      alerts.add(
          new Alert(
              alert.path("labels").path("alertname").asText(),
              alert.path("state").asText(),
              labels,
              alert.path("activeAt").asText()));
    }
    return alerts;
  }

  private void awaitReady() throws IOException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("prometheus exited with " + process.exitValue());
      }
      try {
        var ready =
            HTTP.send(
                HttpRequest.newBuilder(url.resolve("-/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
        process.waitFor(200, TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        waitQuietly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    close();
    throw new IOException("prometheus was not ready within " + STARTUP.toSeconds() + " s");
  }

  private void waitQuietly() {
    try {
      process.waitFor(200, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    record.stopped("prometheus", process.toHandle());
  }

  /** The live view's alert table: pending and firing alerts, or a line saying there are none. */
  static String render(URI url, List<Alert> alerts) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("ALERTS (Prometheus %s, the chart's rules)%n", url));
    if (alerts.isEmpty()) {
      return out.append("none pending or firing").append(System.lineSeparator()).toString();
    }
    out.append(String.format("%-8s %-34s %-20s %s%n", "STATE", "ALERT", "SINCE", "LABELS"));
    for (Alert alert : alerts) {
      StringBuilder labels = new StringBuilder();
      alert.labels().forEach((k, v) -> labels.append(k).append('=').append(v).append(' '));
      out.append(
          String.format(
              "%-8s %-34s %-20s %s%n",
              alert.state(),
              alert.name(),
              alert.activeAt().length() > 19 ? alert.activeAt().substring(0, 19) : alert.activeAt(),
              labels.toString().strip()));
    }
    return out.toString();
  }

  private static void putIfPresent(Map<String, String> labels, String key, String value) {
    if (value != null) {
      labels.put(key, value);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
