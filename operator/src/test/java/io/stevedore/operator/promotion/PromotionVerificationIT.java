package io.stevedore.operator.promotion;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.GateResult;
import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.ReleaseHistoryEntry;
import io.stevedore.operator.api.v1alpha1.ReleaseOutcome;
import io.stevedore.operator.broker.LocalRabbit;
import io.stevedore.operator.health.MicrometerIngestMetrics;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Verification after the rollout, measured for real: dead letters on the machine's RabbitMQ and
 * ingest errors from Micrometer's Prometheus output; a gate that fails rolls the release back.
 */
class PromotionVerificationIT {
  /** Where each test's ingest pods serve their metrics, by pod name. */
  private static final Map<String, URI> METRICS = new ConcurrentHashMap<>();

  @RegisterExtension
  static final OperatorHarness harness =
      new OperatorHarness(pod -> Optional.ofNullable(METRICS.get(pod.getMetadata().getName())));

  private final PromotionTesting t = new PromotionTesting(harness);
  private final List<AutoCloseable> cleanUp = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (var resource : cleanUp) {
      resource.close();
    }
  }

  @Test
  void deadLettersDuringVerificationRollTheReleaseBack() throws Exception {
    String ns = harness.newNamespace();
    environment(ns, "prod", gates(1.0, null), 8);
    harness.create(Fixtures.promotion(ns, "prod-1-1-0", "prod", Fixtures.release("1.1.0")));
    t.awaitPhase(ns, "prod-1-1-0", PromotionPhase.Verifying);

    LocalRabbit.publish(TenantQueues.of(ns, "acme").deadLetter(), 5);

    var rolledBack = t.awaitPhase(ns, "prod-1-1-0", PromotionPhase.RolledBack);
    assertThat(PromotionTesting.succeeded(rolledBack))
        .startsWith("DeadLetterRateTooHigh: verification failed: DeadLetterRate on prod:")
        .contains("acme +5", "(bound <= 1.0/min)", "rolled back to 1.0.0")
        .endsWith("[False]");
    assertThat(PromotionTesting.condition(rolledBack, "Finished")).startsWith("RolledBack:");
    eventually()
        .untilAsserted(
            () -> {
              var env = t.environment(ns, "prod");
              assertThat(env.getSpec().getRelease().getVersion()).isEqualTo("1.0.0");
              assertThat(env.getStatus().getRelease()).isEqualTo("1.0.0");
              assertThat(env.getStatus().getLastGoodRelease().getVersion()).isEqualTo("1.0.0");
              assertThat(env.getStatus().getHistory())
                  .extracting(ReleaseHistoryEntry::getVersion, ReleaseHistoryEntry::getOutcome)
                  .startsWith(
                      org.assertj.core.groups.Tuple.tuple("1.0.0", ReleaseOutcome.RolledOut),
                      org.assertj.core.groups.Tuple.tuple("1.1.0", ReleaseOutcome.RolledBack));
            });
    var ingest =
        harness.client().apps().deployments().inNamespace(ns).withName("prod-ingest").get();
    assertThat(ingest.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/runtime:1.0.0");
    assertThat(t.hasEvent(ns, "prod", "RollingBack", "Warning")).isTrue();
    assertThat(t.hasEvent(ns, "prod-1-1-0", "DeadLetterRateTooHigh", "Warning")).isTrue();
  }

  @Test
  void gatesThatHoldThroughTheWindowLetThePromotionSucceedWithWhatTheyMeasured() throws Exception {
    String ns = harness.newNamespace();
    var metrics = ingestPod(ns, "prod");
    environment(ns, "prod", gates(1.0, 0.05), 2);
    metrics.events("acme", "accepted", 500);
    metrics.events("acme", "unavailable", 1);
    harness.create(Fixtures.promotion(ns, "prod-1-1-0", "prod", Fixtures.release("1.1.0")));

    var done = t.awaitPhase(ns, "prod-1-1-0", PromotionPhase.Succeeded);

    assertThat(done.getStatus().getGates())
        .extracting(g -> g.getName() + " " + g.getResult() + " " + g.getMeasured())
        .containsExactly(
            "EnvironmentReady Passed True",
            "DeadLetterRate Passed 0.0/min",
            "IngestErrorRatio Passed 0 events");
  }

  @Test
  void ingestErrorsDuringVerificationRollTheReleaseBack() throws Exception {
    String ns = harness.newNamespace();
    var metrics = ingestPod(ns, "prod");
    environment(ns, "prod", gates(null, 0.05), 3);
    harness.create(Fixtures.promotion(ns, "prod-1-1-0", "prod", Fixtures.release("1.1.0")));
    t.awaitPhase(ns, "prod-1-1-0", PromotionPhase.Verifying);

    metrics.events("acme", "accepted", 100);
    metrics.events("acme", "unavailable", 50);
    metrics.events("acme", "rejected", 5000);

    var rolledBack = t.awaitPhase(ns, "prod-1-1-0", PromotionPhase.RolledBack);
    assertThat(PromotionTesting.succeeded(rolledBack))
        .startsWith(
            "IngestErrorRatioTooHigh: verification failed: IngestErrorRatio on prod: 33.33% (bound <= 5.00%)")
        .contains("50 of 150 events unavailable");
    assertThat(rolledBack.getStatus().getGates())
        .filteredOn(g -> g.getResult() == GateResult.Blocked)
        .singleElement()
        .satisfies(g -> assertThat(g.getName()).isEqualTo("IngestErrorRatio"));
  }

  @Test
  void aRolloutThatNeverBecomesAvailableTimesOutAndRollsBack() {
    String ns = harness.newNamespace();
    var prod = Fixtures.environment(ns, "prod");
    var policy = PromotionTesting.quickPolicy(null);
    policy.getVerification().setRolloutTimeoutSeconds(2);
    prod.getSpec().setPromotion(policy);
    harness.create(prod);
    harness.awaitReady(Environment.class, ns, "prod", true, "Available");
    var unready =
        new io.stevedore.operator.api.v1alpha1.Release(
            "1.1.0-unready", "registry.example/runtime:1.1.0-unready");
    harness.create(Fixtures.promotion(ns, "prod-unready", "prod", unready));

    var rolledBack = t.awaitPhase(ns, "prod-unready", PromotionPhase.RolledBack);

    assertThat(PromotionTesting.succeeded(rolledBack))
        .startsWith("RolloutTimedOut:")
        .contains("did not finish within 2s", "rolled back to 1.0.0");
    eventually()
        .untilAsserted(
            () ->
                assertThat(t.environment(ns, "prod").getStatus().getRelease()).isEqualTo("1.0.0"));
  }

  /**
   * Environment {@code name} on the machine's RabbitMQ, with pool and tenant acme and its queues.
   */
  private void environment(String ns, String name, HealthGates gates, int windowSeconds)
      throws Exception {
    var environment = Fixtures.environment(ns, name);
    harness.create(Fixtures.onLocalRabbit(environment));
    var policy = PromotionTesting.quickPolicy(null);
    policy.setGates(gates);
    policy.getVerification().setWindowSeconds(windowSeconds);
    environment.getSpec().setPromotion(policy);
    harness.create(environment);
    harness.create(Fixtures.workerPool(ns, "standard", name, "standard"));
    harness.create(Fixtures.tenant(ns, "acme", name, "standard", "standard"));
    var queues = TenantQueues.of(ns, "acme");
    LocalRabbit.declareTenantQueues(queues);
    cleanUp.add(() -> LocalRabbit.deleteTenantQueues(queues));
    harness.awaitReady(Environment.class, ns, name, true, "Available");
  }

  /** An ingest pod of the environment, with an address where Micrometer serves its metrics. */
  private MicrometerIngestMetrics ingestPod(String ns, String environment) throws Exception {
    var metrics = new MicrometerIngestMetrics();
    cleanUp.add(metrics);
    String pod = environment + "-ingest-" + ns;
    METRICS.put(pod, metrics.uri());
    harness.create(
        new PodBuilder()
            .withNewMetadata()
            .withName(pod)
            .withNamespace(ns)
            .withLabels(Labels.selector("ingest", environment + "-ingest"))
            .endMetadata()
            .withNewStatus()
            .withPodIP("10.1.0.1")
            .withStartTime("2025-12-31T00:00:00Z")
            .endStatus()
            .build());
    return metrics;
  }

  private static HealthGates gates(Double deadLetters, Double ingestErrors) {
    var gates = new HealthGates();
    gates.setMaxDeadLetterRatePerMinute(deadLetters);
    gates.setMaxIngestErrorRatio(ingestErrors);
    return gates;
  }
}
