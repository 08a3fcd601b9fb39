package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.MonitoringSpec;
import io.stevedore.operator.api.v1alpha1.ScrapeSource;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OperatorPods;
import io.stevedore.operator.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may reach which port of a platform pod, per role and per monitoring setting. */
class PlatformNetworkPolicyTest {
  private static final OperatorPods OPERATOR =
      new OperatorPods(
          "stevedore-system",
          Map.of("app.kubernetes.io/name", "stevedore", "app.kubernetes.io/instance", "prod"));

  private static final LabelSelector MONITORING_NS = selector("kubernetes.io/metadata.name", "mon");
  private static final LabelSelector PROMETHEUS = selector("app.kubernetes.io/name", "prometheus");

  /** The peers a case expects on a port: "anyone", or a list of peers (operator first). */
  record Case(
      String name,
      boolean servesData,
      List<ScrapeSource> scrapeFrom,
      boolean dataPortOpen,
      List<NetworkPolicyPeer> actuatorPeers) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    NetworkPolicyPeer operator =
        peer(
            selector("kubernetes.io/metadata.name", "stevedore-system"),
            selector("app.kubernetes.io/name", "stevedore", "app.kubernetes.io/instance", "prod"));
    return Stream.of(
            new Case("ingest, no monitoring", true, null, true, List.of(operator)),
            new Case(
                "ingest, Prometheus in its namespace",
                true,
                List.of(new ScrapeSource(MONITORING_NS, PROMETHEUS)),
                true,
                List.of(operator, peer(MONITORING_NS, PROMETHEUS))),
            new Case("workers, no monitoring", false, List.of(), false, List.of(operator)),
            new Case(
                "workers, a whole namespace and pods of the Environment's namespace",
                false,
                List.of(new ScrapeSource(MONITORING_NS, null), new ScrapeSource(null, PROMETHEUS)),
                false,
                List.of(operator, peer(MONITORING_NS, null), peer(null, PROMETHEUS))))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theActuatorIsOpenToTheOperatorAndScrapersOnlyAndTheDataPortToAllWhereServed(Case c) {
    Environment environment = Fixtures.environment("team-a", "staging");
    if (c.scrapeFrom() != null) {
      var monitoring = new MonitoringSpec();
      monitoring.setScrapeFrom(c.scrapeFrom());
      environment.getSpec().setMonitoring(monitoring);
    }

    NetworkPolicy policy =
        PlatformNetworkPolicy.build(
            environment, "worker", "pool-workers", c.servesData(), OPERATOR);

    assertThat(policy.getSpec().getPolicyTypes())
        .as("egress stays open")
        .containsExactly("Ingress");
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(Labels.selector("worker", "pool-workers"));
    List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
    assertThat(rules.stream().filter(r -> port(r) == PlatformDeployment.HTTP_PORT).toList())
        .as("data port rules")
        .hasSize(c.dataPortOpen() ? 1 : 0)
        .allSatisfy(r -> assertThat(r.getFrom()).as("from anywhere").isNull());
    assertThat(rules.stream().filter(r -> port(r) == PlatformDeployment.MANAGEMENT_PORT).toList())
        .singleElement()
        .satisfies(r -> assertThat(r.getFrom()).isEqualTo(c.actuatorPeers()));
    assertThat(rules).hasSize(c.dataPortOpen() ? 2 : 1);
  }

  private static int port(NetworkPolicyIngressRule rule) {
    assertThat(rule.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
    IntOrString port = rule.getPorts().get(0).getPort();
    return port.getIntVal();
  }

  private static NetworkPolicyPeer peer(LabelSelector namespaces, LabelSelector pods) {
    var peer = new NetworkPolicyPeer();
    peer.setNamespaceSelector(namespaces);
    peer.setPodSelector(pods);
    return peer;
  }

  private static LabelSelector selector(String... keyValues) {
    var builder = new LabelSelectorBuilder();
    for (int i = 0; i < keyValues.length; i += 2) {
      builder.addToMatchLabels(keyValues[i], keyValues[i + 1]);
    }
    return builder.build();
  }
}
