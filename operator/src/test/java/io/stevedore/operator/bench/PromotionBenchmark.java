package io.stevedore.operator.bench;

import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionPolicy;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.VerificationSpec;
import io.stevedore.operator.broker.LocalRabbit;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.SimulatedDeploymentController;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * `./stevedore bench promotion`: seconds from a Promotion's creation to Succeeded, as the sandbox
 * runs it (embedded API, the operator, simulated Deployments), soak 0 and a short verification
 * window with the dead-letter and ingest error gates measured for real on the machine's RabbitMQ.
 * Each run promotes a new release to staging (explicit release), then the same to prod from
 * staging; the headline is the median of the staging promotions.
 */
public final class PromotionBenchmark implements OperatorBenchmark {
  private static final int RUNS = 7;
  private static final int WINDOW_SECONDS = 2;
  private static final String NS = "bench-promotion-" + System.nanoTime() % 100_000;

  @Override
  public String run() throws Exception {
    var queues = List.of(TenantQueues.of(NS, "acme"), TenantQueues.of(NS, "globex"));
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var deployments = new SimulatedDeploymentController(kubernetes.client());
        var operator =
            StevedoreOperator.start(kubernetes.client(), OperatorSettings.embedded("bench"))) {
      var client = kubernetes.client();
      kubernetes.createNamespace(NS);
      for (var tenant : queues) {
        LocalRabbit.declareTenantQueues(tenant);
      }
      for (String env : List.of("staging", "prod")) {
        var environment = Fixtures.environment(NS, env);
        client.resource(Fixtures.onLocalRabbit(environment)).create();
        environment.getSpec().setPromotion(policy(env.equals("prod") ? "staging" : null));
        client.resource(environment).create();
        client.resource(Fixtures.workerPool(NS, env + "-pool", env, "standard")).create();
      }
      client.resource(Fixtures.tenant(NS, "acme", "staging", "staging-pool", "standard")).create();
      client.resource(Fixtures.tenant(NS, "globex", "prod", "prod-pool", "standard")).create();
      EnvironmentReady.await(kubernetes.client(), NS, "staging");
      EnvironmentReady.await(kubernetes.client(), NS, "prod");

      List<Double> staging = new ArrayList<>();
      List<Double> prod = new ArrayList<>();
      for (int run = 1; run <= RUNS; run++) {
        String version = "2." + run + ".0";
        staging.add(
            promote(
                kubernetes,
                Fixtures.promotion(NS, "staging-" + run, "staging", Fixtures.release(version))));
        prod.add(promote(kubernetes, Fixtures.promotionFrom(NS, "prod-" + run, "prod", "staging")));
        System.err.printf(
            Locale.ROOT,
            "run %d: staging %.2f s, prod %.2f s%n",
            run,
            staging.get(run - 1),
            prod.get(run - 1));
      }
      double median = percentile(staging, 50);
      return String.format(
          Locale.ROOT,
          "RESULT promotion %.2f s p95=%.2f runs=%d window=%ds overhead=%.2f prod_median=%.2f"
              + " pipeline_median=%.2f soak=0 gates=deadLetterRate,ingestErrorRatio",
          median,
          percentile(staging, 95),
          RUNS,
          WINDOW_SECONDS,
          median - WINDOW_SECONDS,
          percentile(prod, 50),
          median + percentile(prod, 50));
    } finally {
      for (var tenant : queues) {
        LocalRabbit.deleteTenantQueues(tenant);
      }
    }
  }

  /** Creates the promotion and returns the seconds until it Succeeded. */
  private static double promote(EmbeddedKubernetes kubernetes, Promotion promotion) {
    var promotions = kubernetes.client().resources(Promotion.class).inNamespace(NS);
    long start = System.nanoTime();
    promotions.resource(promotion).create();
    var done =
        promotions
            .withName(promotion.getMetadata().getName())
            .waitUntilCondition(
                p ->
                    p != null
                        && p.getStatus() != null
                        && p.getStatus().getPhase() != null
                        && p.getStatus().getPhase().isFinal(),
                60,
                TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (done.getStatus().getPhase() != PromotionPhase.Succeeded) {
      throw new IllegalStateException(
          promotion.getMetadata().getName()
              + " ended "
              + done.getStatus().getPhase()
              + ": "
              + Conditions.find(done.getStatus().getConditions(), "Succeeded")
                  .map(c -> c.getMessage())
                  .orElse(""));
    }
    return seconds;
  }

  private static PromotionPolicy policy(String from) {
    var policy = new PromotionPolicy();
    policy.setFrom(from);
    policy.setSoakSeconds(0);
    var gates = new HealthGates();
    gates.setMaxDeadLetterRatePerMinute(5.0);
    gates.setMaxIngestErrorRatio(0.01);
    gates.setWindowSeconds(WINDOW_SECONDS);
    policy.setGates(gates);
    var verification = new VerificationSpec();
    verification.setWindowSeconds(WINDOW_SECONDS);
    policy.setVerification(verification);
    return policy;
  }

  private static double percentile(List<Double> values, int percentile) {
    List<Double> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
