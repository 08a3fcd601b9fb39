package io.stevedore.operator.platform;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.ScrapeSource;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OperatorPods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ingress NetworkPolicy of a platform Deployment's pods (pure): the actuator port only from the
 * operator's pods and the Environment's scrapers; the data port from anywhere where the role serves
 * it (ingest: agents come through an ingress or a load balancer), else nothing. Egress stays open:
 * the broker and the stores are usually outside the cluster, at addresses a policy cannot name.
 */
public final class PlatformNetworkPolicy {
  /** Namespaces carry this label with their name (Kubernetes 1.21+). */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private PlatformNetworkPolicy() {}

  /**
   * @param role the component ({@link PlatformDeployment.Role#name()})
   * @param deploymentName the Deployment whose pods the policy selects (and its name)
   * @param servesData whether the data port (8080) is open to all
   */
  public static NetworkPolicy build(
      Environment environment,
      String role,
      String deploymentName,
      boolean servesData,
      OperatorPods operator) {
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    if (servesData) {
      rules.add(rule(null, PlatformDeployment.HTTP_PORT));
    }
    rules.add(rule(actuatorPeers(environment, operator), PlatformDeployment.MANAGEMENT_PORT));
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(deploymentName)
        .withNamespace(environment.getMetadata().getNamespace())
        .withLabels(Labels.of(role, deploymentName, environment.getMetadata().getName()))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(Labels.selector(role, deploymentName))
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .withIngress(rules)
        .endSpec()
        .build();
  }

  /** The operator's pods first, then each of the Environment's scrape sources. */
  static List<NetworkPolicyPeer> actuatorPeers(Environment environment, OperatorPods operator) {
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    peers.add(
        new NetworkPolicyPeerBuilder()
            .withNamespaceSelector(
                new LabelSelectorBuilder()
                    .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, operator.namespace()))
                    .build())
            .withPodSelector(new LabelSelectorBuilder().withMatchLabels(operator.labels()).build())
            .build());
    var monitoring = environment.getSpec().getMonitoring();
    if (monitoring != null && monitoring.getScrapeFrom() != null) {
      for (ScrapeSource source : monitoring.getScrapeFrom()) {
        peers.add(
            new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(source.getNamespaceSelector())
                .withPodSelector(source.getPodSelector())
                .build());
      }
    }
    return peers;
  }

  /**
   * A rule for {@code port} from {@code from}; null (not empty: the API server drops it) is all.
   */
  private static NetworkPolicyIngressRule rule(List<NetworkPolicyPeer> from, int port) {
    return new NetworkPolicyIngressRuleBuilder()
        .withFrom(from)
        .withPorts(
            new NetworkPolicyPortBuilder()
                .withProtocol("TCP")
                .withPort(new IntOrString(port))
                .build())
        .build();
  }
}
