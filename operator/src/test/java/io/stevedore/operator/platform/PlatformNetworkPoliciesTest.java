package io.stevedore.operator.platform;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.MonitoringSpec;
import io.stevedore.operator.api.v1alpha1.ScrapeSource;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The platform pods' NetworkPolicies against the embedded API: made for ingest and each pool, owned
 * by their Environment and WorkerPool, repaired when changed or deleted out of band, and following
 * the Environment's scrapers.
 */
class PlatformNetworkPoliciesTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void ingestAndWorkerPoliciesAreOwnedAndLetTheOperatorsPodsReachTheActuator() {
    String ns = harness.newNamespace();
    deploy(ns);

    var ingest = eventually().until(() -> policy(ns, "staging-ingest"), p -> p != null);
    var workers = eventually().until(() -> policy(ns, "standard-workers"), p -> p != null);

    assertThat(ingest.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Environment"))
        .satisfies(o -> assertThat(o.getName()).isEqualTo("staging"))
        .satisfies(o -> assertThat(o.getController()).isTrue());
    assertThat(workers.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("WorkerPool"))
        .satisfies(o -> assertThat(o.getName()).isEqualTo("standard"));
    for (NetworkPolicy policy : List.of(ingest, workers)) {
      var actuator = policy.getSpec().getIngress().get(policy.getSpec().getIngress().size() - 1);
      assertThat(actuator.getFrom())
          .singleElement()
          .satisfies(
              peer ->
                  assertThat(peer.getNamespaceSelector().getMatchLabels())
                      .containsEntry("kubernetes.io/metadata.name", harness.operatorNamespace()));
    }
    assertThat(ingest.getSpec().getIngress()).hasSize(2);
    assertThat(workers.getSpec().getIngress()).hasSize(1);
  }

  @Test
  void policiesChangedOrDeletedOutOfBandAreRepaired() {
    String ns = harness.newNamespace();
    deploy(ns);
    var ingest = eventually().until(() -> policy(ns, "staging-ingest"), p -> p != null);
    eventually().until(() -> policy(ns, "standard-workers"), p -> p != null);
    var wanted = ingest.getSpec();

    // Someone opens the actuator to everyone, and deletes the workers' policy.
    harness
        .client()
        .resource(ingest)
        .edit(
            p -> {
              p.getSpec()
                  .setIngress(
                      List.of(
                          new NetworkPolicyIngressRuleBuilder()
                              .addNewPort()
                              .withNewPort(PlatformDeployment.MANAGEMENT_PORT)
                              .endPort()
                              .build()));
              return p;
            });
    harness
        .client()
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(ns)
        .withName("standard-workers")
        .delete();

    eventually()
        .untilAsserted(
            () -> {
              assertThat(policy(ns, "staging-ingest").getSpec()).isEqualTo(wanted);
              assertThat(policy(ns, "standard-workers")).isNotNull();
            });
  }

  @Test
  void scrapersAddedToTheEnvironmentReachTheActuatorOfIngestAndWorkers() {
    String ns = harness.newNamespace();
    deploy(ns);
    eventually().until(() -> policy(ns, "standard-workers"), p -> p != null);

    var prometheus =
        new ScrapeSource(
            new LabelSelectorBuilder()
                .addToMatchLabels("kubernetes.io/metadata.name", "monitoring")
                .build(),
            new LabelSelectorBuilder()
                .addToMatchLabels("app.kubernetes.io/name", "prometheus")
                .build());
    harness.edit(
        Environment.class,
        ns,
        "staging",
        e -> {
          var monitoring = new MonitoringSpec();
          monitoring.setScrapeFrom(List.of(prometheus));
          e.getSpec().setMonitoring(monitoring);
        });

    eventually()
        .untilAsserted(
            () -> {
              for (String name : List.of("staging-ingest", "standard-workers")) {
                var rules = policy(ns, name).getSpec().getIngress();
                assertThat(rules.get(rules.size() - 1).getFrom())
                    .as(name)
                    .hasSize(2)
                    .anySatisfy(
                        peer ->
                            assertThat(peer.getPodSelector())
                                .isEqualTo(prometheus.getPodSelector()));
              }
            });
  }

  @Test
  void aScrapeSourceWithoutSelectorsIsAnInvalidSpecAndNoPolicyIsMade() {
    String ns = harness.newNamespace();
    var environment = Fixtures.environment(ns, "staging");
    var monitoring = new MonitoringSpec();
    monitoring.setScrapeFrom(List.of(new ScrapeSource()));
    environment.getSpec().setMonitoring(monitoring);
    harness.create(environment);

    var invalid = harness.awaitReady(Environment.class, ns, "staging", false, "InvalidSpec");

    assertThat(invalid.getStatus().getConditions().get(0).getMessage())
        .contains("spec.monitoring.scrapeFrom[0]");
    assertThat(policy(ns, "staging-ingest")).isNull();
  }

  private static void deploy(String ns) {
    harness.create(Fixtures.environment(ns, "staging"));
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    harness.awaitReady(WorkerPool.class, ns, "standard", true, "Available");
  }

  private static NetworkPolicy policy(String ns, String name) {
    return harness.client().network().v1().networkPolicies().inNamespace(ns).withName(name).get();
  }
}
