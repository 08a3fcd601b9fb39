package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;

/** The worker Deployment the operator makes of a pool, for tests in other packages. */
public final class WorkerDeployments {
  private WorkerDeployments() {}

  public static Deployment desired(WorkerPool pool, Environment environment) {
    return WorkerDeploymentDependentResource.desired(pool, environment);
  }
}
