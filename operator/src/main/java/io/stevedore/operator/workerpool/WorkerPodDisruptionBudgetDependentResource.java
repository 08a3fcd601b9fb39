package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.kube.PodDisruptionBudgets;
import io.stevedore.operator.platform.PlatformNames;

/**
 * The PodDisruptionBudget of a pool's workers: a drain evicts at most a quarter of them (at least
 * one) at a time, each of which finishes its in-flight work before it exits.
 */
public class WorkerPodDisruptionBudgetDependentResource
    extends OwnedDependentResource<PodDisruptionBudget, WorkerPool> {

  public WorkerPodDisruptionBudgetDependentResource() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(WorkerPool pool, Context<WorkerPool> context) {
    return desired(pool);
  }

  static PodDisruptionBudget desired(WorkerPool pool) {
    String name = PlatformNames.workers(pool.getMetadata().getName());
    var labels = Labels.of("worker", name, pool.getSpec().getEnvironment());
    labels.put(Labels.WORKER_POOL, pool.getMetadata().getName());
    return PodDisruptionBudgets.of(
        name,
        pool.getMetadata().getNamespace(),
        labels,
        Labels.selector("worker", name),
        new IntOrString("25%"));
  }
}
