package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Map;

/**
 * The PodDisruptionBudget Stevedore puts on each of its Deployments, so that voluntary disruptions
 * (node drains, cluster upgrades) evict only a bounded share of a component's pods at a time.
 */
public final class PodDisruptionBudgets {
  private PodDisruptionBudgets() {}

  /**
   * A budget named like the Deployment, selecting its pods.
   *
   * @param maxUnavailable pods that may be evicted at once, a count or a percentage (rounded up)
   */
  public static PodDisruptionBudget of(
      String name,
      String namespace,
      Map<String, String> labels,
      Map<String, String> selector,
      IntOrString maxUnavailable) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withMaxUnavailable(maxUnavailable)
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        // A pod that is not Ready serves nothing: evicting it must never block a node drain.
        .withUnhealthyPodEvictionPolicy("AlwaysAllow")
        .endSpec()
        .build();
  }
}
