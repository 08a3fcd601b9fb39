package io.stevedore.sandbox;

import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.LocalKubelet;
import io.stevedore.sandbox.cluster.SimulatedDeploymentController;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * `./stevedore sandbox`: an embedded Kubernetes API with the CRDs, the operator, the example
 * resources pointed at this machine's services, the platform's pods as local processes, and a live
 * table of their conditions.
 */
public final class Sandbox {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration REFRESH = Duration.ofSeconds(2);

  /** Where each run records what it made (see {@link RunRecord}). */
  private static final Path RUNS = Path.of(".sandbox", "runs");

  private Sandbox() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  /** Runs the sandbox; returns the process exit code. */
  public static int run(String[] args) throws Exception {
    return run(args, () -> {});
  }

  /**
   * As {@link #run(String[])}; with {@code --once}, {@code whileUp} runs after everything is Ready
   * and the "Try it" block is printed, before the platform stops (tests use what was printed).
   */
  static int run(String[] args, Runnable whileUp) throws Exception {
    boolean once = false;
    boolean simulated = false;
    boolean prometheus = false;
    Path rules = Path.of("helm/stevedore/monitoring/alerts.rules.yaml");
    Duration timeout = null;
    int port = 0;
    Path runtimeJar = Path.of("platform-runtime/target/stevedore-platform-runtime.jar");
    Path kubeconfigFile = SandboxKubeconfig.DEFAULT;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--once" -> once = true;
        case "--simulated" -> simulated = true;
        case "--prometheus" -> prometheus = true;
        case "--prometheus-rules" -> rules = Path.of(args[++i]);
        case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--runtime-jar" -> runtimeJar = Path.of(args[++i]);
        case "--kubeconfig" -> kubeconfigFile = Path.of(args[++i]);
        default -> {
          System.err.println("unknown sandbox option: " + args[i]);
          return 2;
        }
      }
    }
    if (timeout == null) {
      // Platform pods are JVMs that start on this machine's few cores.
      timeout = Duration.ofSeconds(simulated ? 60 : 240);
    }
    PrintStream out = System.out;
    Leftovers.removeAll(RUNS, out);
    try (var run = RunResources.closedOnShutdown()) {
      // Recorded before anything is made, so that a next run can remove it if this one is killed.
      var record = run.add(RunRecord.begin(RUNS));
      var services = run.add(SandboxPlatform.start(record));
      var kubernetes = run.add(EmbeddedKubernetes.start(port, ShippedManifests.crds()));
      LocalKubelet kubelet = null;
      if (simulated) {
        run.add(new SimulatedDeploymentController(kubernetes.client()));
      } else {
        kubelet =
            run.add(
                new LocalKubelet(
                    kubernetes.client(), services.kubeletSettings(runtimeJar), record));
      }
      var operator =
          run.add(
              StevedoreOperator.start(
                  kubernetes.client(),
                  // With --prometheus, /metrics on a free port for it to scrape.
                  OperatorSettings.embedded("sandbox").withHealthPort(prometheus ? 0 : -1),
                  // The autoscaler reads in-flight work from pods at the ports the kubelet gave
                  // them.
                  kubelet == null ? PodAddresses.CLUSTER : kubelet::managementAddress));
      SandboxPrometheus metrics =
          prometheus
              ? run.add(
                  SandboxPrometheus.start(
                      record.workDirectory().resolve("prometheus"),
                      rules,
                      operator.healthPort(),
                      record))
              : null;
      String namespace = ExampleResources.namespace();
      var kubeconfig =
          run.add(SandboxKubeconfig.write(kubeconfigFile, kubernetes.url(), namespace));
      kubernetes.createNamespace(namespace);
      var applied = ExampleResources.apply(kubernetes.client(), services::localize);
      out.printf(
          "Kubernetes API (embedded) at %s; applied %d example objects to namespace %s%n"
              + "Services: RabbitMQ vhost %s at %s, MariaDB %s, DynamoDB Local %s, ElasticMQ (SQS)"
              + " %s%n"
              + "Pods: %s%n"
              + "kubectl: export KUBECONFIG=%s%n%n",
          kubernetes.url(),
          applied.size(),
          namespace,
          services.vhost(),
          SandboxPlatform.AMQP,
          services.jdbcUrl(),
          services.dynamoEndpoint(),
          services.sqsEndpoint(),
          simulated
              ? "simulated (--simulated: Deployments report available, no processes)"
              : "platform-runtime processes run by the local kubelet",
          kubeconfig.file());
      if (metrics != null) {
        out.printf(
            "Prometheus: %s (scrapes the operator and every pod; the chart's alert rules with a"
                + " backlog-age objective of %s s)%n%n",
            metrics.url(), SandboxPrometheus.SANDBOX_RULE_VALUES.get("OBJECTIVE_SECONDS"));
      }
      var view = new LiveView(kubernetes, namespace, kubelet, metrics);
      if (!once) {
        return watchForever(view, kubernetes.url(), namespace, kubeconfig.file(), run, out);
      }
      int exit = waitUntilReady(kubernetes, namespace, timeout, out);
      if (exit == 0 && kubelet != null) {
        out.println();
        out.print(
            TryIt.render(
                TryItTargets.find(kubernetes.client(), namespace, kubelet), Instant.now()));
        out.flush();
        whileUp.run();
      }
      return exit;
    }
  }

  private static int waitUntilReady(
      EmbeddedKubernetes kubernetes, String namespace, Duration timeout, PrintStream out)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Instant start = Instant.now();
    List<ResourceTable.Row> rows = ResourceTable.rows(kubernetes.client(), namespace);
    while (!allReady(rows) && Instant.now().isBefore(deadline)) {
      Thread.sleep(POLL.toMillis());
      rows = ResourceTable.rows(kubernetes.client(), namespace);
    }
    out.print(ResourceTable.render(kubernetes.client(), namespace, rows));
    if (allReady(rows)) {
      out.printf(
          "%nAll %d example resources Ready in %d ms.%n",
          rows.size(), Duration.between(start, Instant.now()).toMillis());
      return 0;
    }
    out.printf("%nNot Ready after %d s:%n", timeout.toSeconds());
    rows.stream()
        .filter(r -> !r.isReady())
        .forEach(r -> out.printf("  %s/%s: %s: %s%n", r.kind(), r.name(), r.reason(), r.message()));
    return 1;
  }

  private static int watchForever(
      LiveView view,
      String apiUrl,
      String namespace,
      Path kubeconfig,
      RunResources run,
      PrintStream out)
      throws InterruptedException {
    while (!run.awaitStopping(REFRESH)) {
      String screen = view.render();
      out.print("\033[H\033[2J");
      out.printf(
          "Stevedore sandbox — API %s — namespace %s — %s (Ctrl-C to stop)%n"
              + "kubectl: export KUBECONFIG=%s%n%n",
          apiUrl, namespace, Instant.now(), kubeconfig);
      out.print(screen);
      out.flush();
    }
    return 0;
  }

  private static boolean allReady(List<ResourceTable.Row> rows) {
    return !rows.isEmpty() && rows.stream().allMatch(ResourceTable.Row::isReady);
  }
}
