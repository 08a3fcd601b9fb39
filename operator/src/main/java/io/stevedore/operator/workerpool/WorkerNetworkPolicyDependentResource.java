package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.OperatorPods;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.PlatformNetworkPolicy;

/**
 * The NetworkPolicy of a pool's worker pods: workers serve nothing, so the only way in is the
 * actuator port, for the operator (it reads `/actuator/inflight`) and the Environment's scrapers.
 */
public class WorkerNetworkPolicyDependentResource
    extends OwnedDependentResource<NetworkPolicy, WorkerPool> {

  public WorkerNetworkPolicyDependentResource() {
    super(NetworkPolicy.class);
  }

  @Override
  protected NetworkPolicy desired(WorkerPool pool, Context<WorkerPool> context) {
    return desired(pool, WorkerPoolReconciler.environment(context), OperatorPods.of(context));
  }

  static NetworkPolicy desired(WorkerPool pool, Environment environment, OperatorPods operator) {
    return PlatformNetworkPolicy.build(
        environment,
        WorkerDeploymentDependentResource.ROLE,
        PlatformNames.workers(pool.getMetadata().getName()),
        false,
        operator);
  }
}
