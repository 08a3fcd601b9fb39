package io.stevedore.operator.bench;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.tenant.TenantMetrics;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.PlatformServices;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.SimulatedDeploymentController;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * `./stevedore bench tenants`: a signup service applies 1,000 Tenants at a steady rate; each one's
 * time from create to Ready=True is taken from the watch event that first shows it Ready (not from
 * polling). Real RabbitMQ (management API on), MariaDB and DynamoDB Local; the embedded API and the
 * operator in this process. Broker objects and the database are removed afterwards.
 *
 * <p>{@code -Dstevedore.bench.tenants=N} and {@code -Dstevedore.bench.rate=PER_SECOND} (0 means all
 * at once) change the load.
 */
public final class TenantsBenchmark implements OperatorBenchmark {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @Override
  public String run() throws Exception {
    int count = Integer.getInteger("stevedore.bench.tenants", 1000);
    int rate = Integer.getInteger("stevedore.bench.rate", 20);
    String ns = "bench-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> ready = new ConcurrentHashMap<>();
    var allReady = new CountDownLatch(count);
    try (var services = new PlatformServices()) {
      var baseline = baseline(services, ns + "-base", count, rate);
      try {
        return operator(services, ns, count, rate, created, ready, allReady) + baseline;
      } finally {
        // Once the operator has stopped: while it runs, it repairs what is deleted.
        services.deleteBrokerObjects(List.of(ns));
      }
    }
  }

  /** The same work done directly, on an API server of its own: {@code key=value} pairs. */
  private static String baseline(PlatformServices services, String ns, int count, int rate)
      throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds())) {
      kubernetes.createNamespace(ns);
      try {
        var result = TenantsBaseline.run(services, kubernetes.client(), ns, count, rate);
        return String.format(
            Locale.ROOT,
            " baseline_p95=%d baseline_p50=%d baseline_total_s=%.1f",
            percentile(result.millis(), 0.95),
            percentile(result.millis(), 0.50),
            result.totalSeconds());
      } finally {
        services.deleteBrokerObjects(List.of(ns));
      }
    }
  }

  private static String operator(
      PlatformServices services,
      String ns,
      int count,
      int rate,
      Map<String, Long> created,
      Map<String, Long> ready,
      CountDownLatch allReady)
      throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var deployments = new SimulatedDeploymentController(kubernetes.client());
        var operator =
            StevedoreOperator.start(kubernetes.client(), OperatorSettings.embedded("bench"))) {
      var client = kubernetes.client();
      kubernetes.createNamespace(ns);
      services.secrets(ns, "staging").forEach(s -> client.resource(s).create());
      client.resource(services.environment(ns, "staging")).create();
      client.resource(Fixtures.workerPool(ns, "standard", "staging", "standard")).create();
      // Tenants sign up on a running platform: its bring-up is not their time-to-Ready.
      EnvironmentReady.await(client, ns, "staging");
      var watch =
          client.resources(Tenant.class).inNamespace(ns).inform(readyRecorder(ready, allReady), 0);
      long start = System.nanoTime();
      apply(client, ns, count, rate, created);
      boolean done = allReady.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      double totalSeconds = (System.nanoTime() - start) / 1e9;
      watch.close();
      if (!done) {
        throw new IllegalStateException(
            ready.size() + " of " + count + " tenants Ready after " + TIMEOUT);
      }
      waits.forEach((why, n) -> System.err.println("not Ready on the way (" + n + "x): " + why));
      printSteps(operator.meters());
      Map<String, Long> toReady = new java.util.HashMap<>();
      created.forEach((name, at) -> toReady.put(name, (ready.get(name) - at) / 1_000_000));
      printByArrival(created, toReady, start);
      List<Long> millis = new ArrayList<>(toReady.values());
      Collections.sort(millis);
      return String.format(
          Locale.ROOT,
          "RESULT tenants %d ms p50=%d total_s=%.1f tenants=%d rate=%s max=%d",
          percentile(millis, 0.95),
          percentile(millis, 0.50),
          totalSeconds,
          count,
          rate == 0 ? "burst" : rate + "/s",
          millis.get(millis.size() - 1));
    }
  }

  private static void apply(
      io.fabric8.kubernetes.client.KubernetesClient client,
      String ns,
      int count,
      int rate,
      Map<String, Long> created)
      throws InterruptedException {
    var signups = Executors.newFixedThreadPool(8);
    SteadyRate.offer(
        count,
        rate,
        i -> {
          String name = String.format(Locale.ROOT, "tenant-%04d", i);
          signups.execute(
              () -> {
                created.put(name, System.nanoTime());
                client
                    .resource(Fixtures.tenant(ns, name, "staging", "standard", "standard"))
                    .create();
              });
        });
    signups.shutdown();
    signups.awaitTermination(5, TimeUnit.MINUTES);
  }

  /** Why tenants were not Ready on their way (printed for whoever tunes the operator). */
  private static final Map<String, Integer> waits = new ConcurrentHashMap<>();

  private static ResourceEventHandler<Tenant> readyRecorder(
      Map<String, Long> ready, CountDownLatch allReady) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Tenant tenant) {
        record(tenant);
      }

      @Override
      public void onUpdate(Tenant old, Tenant tenant) {
        record(tenant);
      }

      @Override
      public void onDelete(Tenant tenant, boolean unknown) {}

      private void record(Tenant tenant) {
        if (tenant.getStatus() != null) {
          Conditions.find(tenant.getStatus().getConditions(), Conditions.READY)
              .filter(c -> !"True".equals(c.getStatus()))
              .ifPresent(c -> waits.merge(c.getReason() + ": " + c.getMessage(), 1, Integer::sum));
        }
        if (tenant.getStatus() != null
            && Conditions.isTrue(tenant.getStatus().getConditions(), Conditions.READY)
            && ready.putIfAbsent(tenant.getMetadata().getName(), System.nanoTime()) == null) {
          allReady.countDown();
        }
      }
    };
  }

  /** Where the time went: each provisioning step's mean and maximum, from the operator's timers. */
  private static void printSteps(MeterRegistry meters) {
    meters.find(TenantMetrics.STEP).timers().stream()
        .sorted(java.util.Comparator.comparing(t -> t.getId().getTag("step")))
        .forEach(
            t ->
                System.err.printf(
                    Locale.ROOT,
                    "step %-16s %-8s n=%d mean=%.1f ms max=%.1f ms%n",
                    t.getId().getTag("step"),
                    t.getId().getTag("outcome"),
                    t.count(),
                    t.mean(TimeUnit.MILLISECONDS),
                    t.max(TimeUnit.MILLISECONDS)));
  }

  /** Time-to-Ready by when the tenant arrived, in 5 s slices: tells warm-up from load. */
  private static void printByArrival(
      Map<String, Long> created, Map<String, Long> toReady, long start) {
    var slices = new java.util.TreeMap<Long, List<Long>>();
    created.forEach(
        (name, at) ->
            slices
                .computeIfAbsent((at - start) / 5_000_000_000L, k -> new ArrayList<>())
                .add(toReady.get(name)));
    slices.forEach(
        (slice, millis) -> {
          Collections.sort(millis);
          System.err.printf(
              Locale.ROOT,
              "arrived %3d-%3d s: n=%d p50=%d ms p95=%d ms max=%d ms%n",
              slice * 5,
              slice * 5 + 5,
              millis.size(),
              percentile(millis, 0.50),
              percentile(millis, 0.95),
              millis.get(millis.size() - 1));
        });
  }

  private static long percentile(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
