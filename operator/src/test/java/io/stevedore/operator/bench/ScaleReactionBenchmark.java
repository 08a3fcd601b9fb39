package io.stevedore.operator.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.testing.BrokerQueues;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.SimulatedDeploymentController;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * `scale-reaction`: the machine's RabbitMQ, the embedded API and the operator; for each trial a
 * fresh idle pool (1 replica, its queue empty and observed), a step backlog published to its queue,
 * and the time from the broker's confirm until the pool's Deployment has other replicas.
 */
public final class ScaleReactionBenchmark implements OperatorBenchmark {
  static final int TRIALS = 25;
  static final int BACKLOG = 1000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Override
  public String run() throws Exception {
    List<Long> millis = new ArrayList<>();
    String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var deployments = new SimulatedDeploymentController(kubernetes.client());
        var operator =
            StevedoreOperator.start(kubernetes.client(), OperatorSettings.embedded("bench"))) {
      for (int trial = 0; trial < TRIALS; trial++) {
        String ns = "bench-" + run + "-" + trial;
        kubernetes.createNamespace(ns);
        long reaction = trial(kubernetes.client(), ns);
        millis.add(reaction);
        System.out.printf(Locale.ROOT, "trial %2d: %5d ms%n", trial + 1, reaction);
      }
    }
    Collections.sort(millis);
    long p50 = percentile(millis, 50);
    long p95 = percentile(millis, 95);
    return String.format(
        Locale.ROOT,
        "RESULT scale-reaction %d ms p50=%d trials=%d max=%d backlog=%d poll_s=1",
        p95,
        p50,
        millis.size(),
        millis.get(millis.size() - 1),
        BACKLOG);
  }

  private static long trial(KubernetesClient client, String ns) throws Exception {
    client.resource(Fixtures.localRabbitCredentials(ns)).create();
    client.resource(Fixtures.localRabbitEnvironment(ns, "local", 5672)).create();
    var pool = Fixtures.workerPool(ns, "pool", "local", "standard");
    pool.getSpec().setScaling(Fixtures.scaling(1, 10));
    client.resource(pool).create();
    var tenant = Fixtures.tenant(ns, "acme", "local", "pool", "standard");
    tenant.getSpec().getPlan().setMaxWorkers(10);
    client.resource(tenant).create();
    try (var queues = BrokerQueues.provisioned(ns, "acme")) {
      awaitIdleAndObserved(client, ns);
      var changed = new CompletableFuture<Long>();
      try (var watch =
          client
              .apps()
              .deployments()
              .inNamespace(ns)
              .withName("pool-workers")
              .watch(
                  new Watcher<Deployment>() {
                    @Override
                    public void eventReceived(Action action, Deployment deployment) {
                      Integer replicas = deployment.getSpec().getReplicas();
                      if (replicas != null && replicas != 1) {
                        changed.complete(System.nanoTime());
                      }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  })) {
        queues.publish(BACKLOG);
        long published = System.nanoTime();
        long at = changed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(at - published);
      }
    }
  }

  /** Waits until the pool runs one replica and the autoscaler has observed its empty queue. */
  private static void awaitIdleAndObserved(KubernetesClient client, String ns)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      var pool = client.resources(WorkerPool.class).inNamespace(ns).withName("pool").get();
      var deployment = client.apps().deployments().inNamespace(ns).withName("pool-workers").get();
      if (pool != null
          && pool.getStatus() != null
          && pool.getStatus().getScaling() != null
          && pool.getStatus().getScaling().getObservedAt() != null
          && Long.valueOf(0).equals(pool.getStatus().getScaling().getBacklog())
          && deployment != null
          && Integer.valueOf(1).equals(deployment.getSpec().getReplicas())) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new IllegalStateException("pool in " + ns + " never became idle and observed");
  }

  static long percentile(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
