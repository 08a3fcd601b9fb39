package io.stevedore.operator;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.SimulatedDeploymentController;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two operator replicas: one leads through the Lease, the other takes over as soon as it stops. */
class LeaderElectionTest {

  @Test
  void onlyOneReplicaLeadsAndTheStandbyTakesOverAndReconciles() {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var deployments = new SimulatedDeploymentController(kubernetes.client())) {
      var client = kubernetes.client();
      var first = StevedoreOperator.start(client, OperatorSettings.embedded("replica-a"));
      var second = StevedoreOperator.start(client, OperatorSettings.embedded("replica-b"));
      try {
        eventually().until(() -> first.isLeading() || second.isLeading());
        assertThat(first.isLeading() && second.isLeading()).isFalse();
        var leader = first.isLeading() ? first : second;
        var standby = leader == first ? second : first;
        String leaderName = leader == first ? "replica-a" : "replica-b";
        assertThat(leaderGauge(leader)).isEqualTo(1.0);
        assertThat(leaderGauge(standby)).isEqualTo(0.0);
        Lease lease = client.leases().inNamespace("default").withName("stevedore-operator").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leaderName);

        leader.close();

        // The stopped leader gave the Lease up: the standby takes over at its next try (2 s),
        // not once the lease runs out (15 s).
        assertThat(
                client
                    .leases()
                    .inNamespace("default")
                    .withName("stevedore-operator")
                    .get()
                    .getSpec()
                    .getHolderIdentity())
            .isNotEqualTo(leaderName);
        eventually().atMost(Duration.ofSeconds(8)).until(standby::isLeading);
        assertThat(leaderGauge(standby)).isEqualTo(1.0);
        kubernetes.createNamespace("after-failover");
        client.resource(Fixtures.environment("after-failover", "staging")).create();
        eventually()
            .untilAsserted(
                () ->
                    assertThat(
                            Conditions.isTrue(
                                client
                                    .resources(Environment.class)
                                    .inNamespace("after-failover")
                                    .withName("staging")
                                    .get()
                                    .getStatus()
                                    .getConditions(),
                                Conditions.READY))
                        .isTrue());
      } finally {
        first.close();
        second.close();
      }
    }
  }

  private static double leaderGauge(StevedoreOperator replica) {
    return replica.meters().get(StevedoreOperator.LEADER_METRIC).gauge().value();
  }
}
