package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.scaling.Pause;
import io.stevedore.operator.scaling.ScalingParameters;

/**
 * The replicas the worker Deployment keeps when the reconciler updates it: the autoscaler owns the
 * count, so the reconciler keeps what is set, only clamped to the spec's bounds (and never against
 * a pause or pin), and the two never fight.
 */
final class WorkerReplicas {
  private WorkerReplicas() {}

  static int of(WorkerPool pool, Deployment current) {
    var parameters = ScalingParameters.of(pool.getSpec().getScaling());
    Pause pause = Pause.of(pool.getMetadata().getAnnotations());
    if (pause.pinned().isPresent()) {
      return pause.pinned().getAsInt();
    }
    Integer replicas =
        current == null || current.getSpec() == null ? null : current.getSpec().getReplicas();
    if (replicas == null) {
      return parameters.minReplicas();
    }
    if (pause.all()) {
      return replicas;
    }
    return Math.max(parameters.floor(), Math.min(parameters.maxReplicas(), replicas));
  }
}
