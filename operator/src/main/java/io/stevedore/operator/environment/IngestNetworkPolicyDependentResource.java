package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.OperatorPods;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.PlatformNetworkPolicy;

/**
 * The NetworkPolicy of the ingest pods: the data port open to agents, the actuator port to the
 * operator and the Environment's scrapers only.
 */
public class IngestNetworkPolicyDependentResource
    extends OwnedDependentResource<NetworkPolicy, Environment> {

  public IngestNetworkPolicyDependentResource() {
    super(NetworkPolicy.class);
  }

  @Override
  protected NetworkPolicy desired(Environment environment, Context<Environment> context) {
    return desired(environment, OperatorPods.of(context));
  }

  static NetworkPolicy desired(Environment environment, OperatorPods operator) {
    return PlatformNetworkPolicy.build(
        environment,
        IngestDeploymentDependentResource.ROLE,
        PlatformNames.ingest(environment.getMetadata().getName()),
        true,
        operator);
  }
}
