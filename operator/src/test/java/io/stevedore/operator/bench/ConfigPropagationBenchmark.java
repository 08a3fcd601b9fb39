package io.stevedore.operator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.RabbitQueueType;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantRule;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.LocalPods;
import io.stevedore.operator.testing.PlatformServices;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * `./stevedore bench config-propagation`: 100 Tenants on the real platform (operator, ingest and
 * worker processes, RabbitMQ, MariaDB, DynamoDB Local) each have a rule renaming `temp`; while
 * every tenant sends an event each 500 ms, each Tenant's rule is edited (20 edits/s) to rename it
 * to another field; per tenant, the time from the edit to the first event stored under the new
 * rule. Baseline in the same run: an event's time from being sent to being stored, unchanged rules.
 *
 * <p>{@code -Dstevedore.bench.tenants=N} and {@code -Dstevedore.bench.rate=EDITS_PER_SECOND}.
 */
public final class ConfigPropagationBenchmark implements OperatorBenchmark {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Override
  public String run() throws Exception {
    int count = Integer.getInteger("stevedore.bench.tenants", 100);
    int rate = Integer.getInteger("stevedore.bench.rate", 20);
    String ns = "cfgprop-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    try (var services = new PlatformServices()) {
      try {
        return measure(services, ns, count, rate);
      } finally {
        // Once the operator has stopped: while it runs, it repairs what is deleted.
        services.deleteBrokerObjects(List.of(ns));
      }
    }
  }

  private static String measure(PlatformServices services, String ns, int count, int rate)
      throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var kubelet = new LocalKubelet(kubernetes.client(), LocalPods.settings());
        var operator =
            StevedoreOperator.start(
                kubernetes.client(),
                OperatorSettings.embedded("bench").withHealthPort(0),
                kubelet::managementAddress)) {
      var client = kubernetes.client();
      kubernetes.createNamespace(ns);
      services.secrets(ns, "local").forEach(s -> client.resource(s).create());
      var environment = services.environment(ns, "local");
      environment.getSpec().getIngest().setReplicas(1);
      // 500 quorum queues (Raft groups) stalled the machine's shared broker here; the queue type
      // plays no part in how fast rules propagate.
      environment.getSpec().getBroker().getRabbitmq().setQueueType(RabbitQueueType.Classic);
      client.resource(environment).create();
      var pool = Fixtures.workerPool(ns, "standard", "local", "standard");
      pool.getSpec().setScaling(Fixtures.scaling(1, 1));
      client.resource(pool).create();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = String.format(Locale.ROOT, "tenant-%03d", i);
        names.add(name);
        var tenant = Fixtures.tenant(ns, name, "local", "standard", "standard");
        tenant.getSpec().setRules(renameTo("before"));
        client.resource(tenant).create();
      }
      awaitProvisioned(client, ns, count);
      System.err.println("all " + count + " tenants Ready with their configuration");
      var probes =
          new ProbeEvents(
              services.dynamo(), kubelet.httpPorts(ns, "local-ingest").get(0), client, ns, names);
      // Round 1 warms the path up (and waits for ingest to know every tenant); round 2 is the
      // baseline: the same pipeline without a rule change.
      probes.sendRoundAndAwait(1, TIMEOUT);
      List<Long> baseline = sorted(probes.sendRoundAndAwait(2, TIMEOUT));
      System.err.println("baseline (sent to stored): " + summary(baseline));

      var producer = Executors.newSingleThreadScheduledExecutor();
      producer.scheduleWithFixedDelay(probes::sendAll, 0, 500, TimeUnit.MILLISECONDS);
      Map<String, Long> editedAt = new ConcurrentHashMap<>();
      var editors = Executors.newFixedThreadPool(4);
      SteadyRate.offer(
          count,
          rate,
          i ->
              editors.execute(
                  () -> {
                    String name = names.get(i);
                    editedAt.put(name, System.nanoTime());
                    client
                        .resources(Tenant.class)
                        .inNamespace(ns)
                        .withName(name)
                        .edit(
                            t -> {
                              t.getSpec().setRules(renameTo("after"));
                              return t;
                            });
                  }));
      editors.shutdown();
      List<Long> propagation = sorted(probes.awaitField("after", editedAt, TIMEOUT));
      producer.shutdownNow();
      System.err.println("edit to first event stored under the new rule: " + summary(propagation));
      return String.format(
          Locale.ROOT,
          "RESULT config-propagation %.2f s p50=%.2f tenants=%d rate=%d/s max=%.2f"
              + " baseline_p95=%.2f baseline_p50=%.2f",
          seconds(percentile(propagation, 0.95)),
          seconds(percentile(propagation, 0.50)),
          count,
          rate,
          seconds(propagation.get(propagation.size() - 1)),
          seconds(percentile(baseline, 0.95)),
          seconds(percentile(baseline, 0.50)));
    }
  }

  /** One rule, renaming payload field `temp` to {@code field}. */
  private static List<TenantRule> renameTo(String field) {
    try {
      return List.of(
          YAML.readValue(
              "{name: units, rename: {from: temp, to: " + field + "}}", TenantRule.class));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void awaitProvisioned(KubernetesClient client, String ns, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      long ready =
          client.resources(Tenant.class).inNamespace(ns).list().getItems().stream()
              .filter(
                  t ->
                      t.getStatus() != null
                          && t.getStatus().getConfiguration() != null
                          && Conditions.isTrue(t.getStatus().getConditions(), Conditions.READY))
              .count();
      if (ready == count) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("tenants not Ready after " + TIMEOUT);
  }

  private static List<Long> sorted(Map<String, Long> millis) {
    List<Long> values = new ArrayList<>(millis.values());
    Collections.sort(values);
    return values;
  }

  private static String summary(List<Long> sortedMillis) {
    return String.format(
        Locale.ROOT,
        "p50=%.2f s p95=%.2f s max=%.2f s",
        seconds(percentile(sortedMillis, 0.50)),
        seconds(percentile(sortedMillis, 0.95)),
        seconds(sortedMillis.get(sortedMillis.size() - 1)));
  }

  private static double seconds(long millis) {
    return millis / 1000.0;
  }

  private static long percentile(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
