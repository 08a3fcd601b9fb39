package io.stevedore.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.operator.simulated.SimulatedPlatform;
import io.stevedore.operator.tenant.TenantMetrics;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.SimulatedDeploymentController;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * `./stevedore bench scale`: 10,000 Tenants with their Environments and WorkerPools on the embedded
 * API, provisioned by the real operator onto simulated services ({@link SimulatedPlatform}); time
 * to all Ready, the idle cost once they are, the operator's heap, and the time a restarted operator
 * takes to reconcile every tenant again.
 *
 * <p>{@code -Dstevedore.bench.tenants=N}, {@code -Dstevedore.bench.environments=E} (tenants are
 * spread evenly over E Environments, one WorkerPool each) and {@code
 * -Dstevedore.bench.idleSeconds=S}. The operator's settings come from the environment (STEVEDORE_*)
 * as in a pod.
 */
public final class ScaleBenchmark implements OperatorBenchmark {
  private static final long READY_TIMEOUT_MINUTES = 40;

  @Override
  public String run() throws Exception {
    int tenants = Integer.getInteger("stevedore.bench.tenants", 10_000);
    int environments = Integer.getInteger("stevedore.bench.environments", 10);
    int idleSeconds = Integer.getInteger("stevedore.bench.idleSeconds", 60);
    var fleet = new ScaleFleet("scale", tenants, environments);
    var services = new SimulatedPlatform();
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var deployments = new SimulatedDeploymentController(kubernetes.client())) {
      var client = kubernetes.client();
      kubernetes.createNamespace(fleet.namespace);
      var first = OperatorRun.start(kubernetes, services, "scale-1");
      fleet.platform(client);
      var watch = fleet.watchReady(client);

      var provisioningCalls = new ApiCalls(kubernetes, "scale-1");
      var provisioning = CpuProfile.start();
      long start = System.nanoTime();
      fleet.apply(client, READY_TIMEOUT_MINUTES);
      double appliedSeconds = (System.nanoTime() - start) / 1e9;
      boolean done = fleet.awaitAllReady(READY_TIMEOUT_MINUTES);
      var provisioned = provisioning.stop();
      if (!done) {
        throw new IllegalStateException(
            fleet.readyCount() + " of " + tenants + " tenants Ready after timeout");
      }
      double readySeconds = (fleet.lastReadyNanos() - start) / 1e9;
      report("applied all tenants in %.1f s; all Ready after %.1f s", appliedSeconds, readySeconds);
      report("provisioning: %s", provisioned);
      report("services: %s", services);
      report(
          "operator's API calls per tenant while provisioning: %s", provisioningCalls.per(tenants));

      // Provisioning's Events are sent in the background: they are not the idle cost.
      first.operator.flushEvents();
      long reconcilesBefore = reconciles(first.operator.meters());
      var idleCalls = new ApiCalls(kubernetes, "scale-1");
      var idle = CpuProfile.start();
      Awaitility.await()
          .atMost(Duration.ofSeconds(idleSeconds + 10))
          .pollDelay(Duration.ofSeconds(idleSeconds))
          .until(() -> true);
      var idled = idle.stop();
      double reconcilesPerSecond =
          (reconciles(first.operator.meters()) - reconcilesBefore) / idled.seconds();
      report("idle after all Ready: %s; tenant reconciles %.1f/s", idled, reconcilesPerSecond);
      report("operator's API calls per second while idle: %s", idleCalls.per(idled.seconds()));

      long heapWith = heapAfterGc();
      var versions = versions(client, fleet.namespace);
      first.close();
      long heapWithout = heapAfterGc();
      double operatorHeapMib = (heapWith - heapWithout) / 1048576.0;
      report(
          "heap after GC: %.0f MiB with the operator, %.0f MiB without: the operator holds %.0f MiB",
          heapWith / 1048576.0, heapWithout / 1048576.0, operatorHeapMib);

      var restartCalls = new ApiCalls(kubernetes, "scale-2");
      var restarting = CpuProfile.start();
      long restart = System.nanoTime();
      var second = OperatorRun.start(kubernetes, services, "scale-2");
      Awaitility.await()
          .atMost(Duration.ofMinutes(READY_TIMEOUT_MINUTES))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> tenantsReconciled(second.operator.meters()) >= tenants);
      double resyncSeconds = (System.nanoTime() - restart) / 1e9;
      report("restart: %s", restarting.stop());
      report("restarted operator's API calls per tenant: %s", restartCalls.per(tenants));
      long changed = changed(versions, versions(client, fleet.namespace));
      report(
          "restarted operator reconciled all %d tenants in %.1f s; %d tenants changed",
          tenants, resyncSeconds, changed);
      second.close();
      watch.close();
      report("Events by kind and reason: %s", events(client, fleet.namespace));
      client.v1().events().inNamespace(fleet.namespace).list().getItems().stream()
          .filter(e -> "Warning".equals(e.getType()))
          .collect(Collectors.toMap(e -> e.getReason(), e -> e.getMessage(), (a, b) -> a))
          .forEach((reason, message) -> report("e.g. Warning %s: %s", reason, message));
      return String.format(
          Locale.ROOT,
          "RESULT scale %.1f s tenants=%d heap_mib=%.0f tenants_per_s=%.0f restart_resync_s=%.1f"
              + " environments=%d idle_cores=%.2f idle_reconciles_per_s=%.1f api_share=%.0f%%"
              + " changed_on_restart=%d load=%s",
          readySeconds,
          tenants,
          operatorHeapMib,
          tenants / readySeconds,
          resyncSeconds,
          environments,
          idled.cores(),
          reconcilesPerSecond,
          100 * provisioned.share(CpuProfile.API),
          changed,
          load());
    }
  }

  /** One operator process's worth: its own API client and the operator on it. */
  private record OperatorRun(KubernetesClient client, StevedoreOperator operator) {
    static OperatorRun start(
        EmbeddedKubernetes kubernetes, SimulatedPlatform services, String identity) {
      var client = kubernetes.newClient(identity);
      // Settings as a pod reads them, so that STEVEDORE_* variables tune the run.
      var env = new java.util.HashMap<>(System.getenv());
      env.put("POD_NAME", identity);
      env.put("POD_NAMESPACE", "default");
      env.put("STEVEDORE_HEALTH_PORT", "-1");
      var settings = OperatorSettings.fromEnvironment(env);
      return new OperatorRun(
          client, StevedoreOperator.start(client, settings, PodAddresses.CLUSTER, p -> services));
    }

    void close() {
      operator.close();
      client.close();
    }
  }

  private static long reconciles(MeterRegistry meters) {
    return Math.round(
        meters
            .find("reconciliations.success.total")
            .tag("controller.name", "tenant")
            .counters()
            .stream()
            .mapToDouble(c -> c.count())
            .sum());
  }

  /** Tenants the operator has reconciled at least once (each has its Ready gauge then). */
  private static long tenantsReconciled(MeterRegistry meters) {
    return meters.find(TenantMetrics.READY).gauges().size();
  }

  private static Map<String, Tenant> versions(KubernetesClient client, String namespace) {
    return client.resources(Tenant.class).inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(t -> t.getMetadata().getName(), t -> t));
  }

  /** How many tenants were written to; the first one's status before and after, for the log. */
  private static long changed(Map<String, Tenant> before, Map<String, Tenant> after) {
    var changed =
        before.keySet().stream()
            .filter(
                name ->
                    !before
                        .get(name)
                        .getMetadata()
                        .getResourceVersion()
                        .equals(after.get(name).getMetadata().getResourceVersion()))
            .sorted()
            .toList();
    changed.stream()
        .findFirst()
        .ifPresent(
            name ->
                report(
                    "%s changed: status was %s%n  and is now %s",
                    name,
                    Serialization.asJson(before.get(name).getStatus()),
                    Serialization.asJson(after.get(name).getStatus())));
    return changed.size();
  }

  /** The Events in the namespace, counted by their object's kind and their reason. */
  private static Map<String, Long> events(KubernetesClient client, String namespace) {
    return client.v1().events().inAnyNamespace().list().getItems().stream()
        .collect(
            Collectors.groupingBy(
                e ->
                    e.getMetadata().getNamespace()
                        + " "
                        + e.getInvolvedObject().getKind()
                        + " "
                        + e.getReason(),
                java.util.TreeMap::new,
                Collectors.summingLong(e -> e.getCount() == null ? 1 : e.getCount())));
  }

  private static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static void report(String format, Object... args) {
    System.err.printf(Locale.ROOT, format + "%n", args);
  }
}
