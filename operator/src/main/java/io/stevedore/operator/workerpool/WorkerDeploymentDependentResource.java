package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformDeployment;
import io.stevedore.operator.platform.PlatformNames;
import java.util.List;
import java.util.Map;

/** The Deployment of a WorkerPool's worker pods. */
public class WorkerDeploymentDependentResource
    extends OwnedDependentResource<Deployment, WorkerPool> {
  static final String ROLE = "worker";

  /**
   * Time past the drain deadline before the kubelet's SIGKILL, so a draining worker is never cut.
   */
  static final long KILL_MARGIN_SECONDS = 15;

  public WorkerDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(WorkerPool pool, Context<WorkerPool> context) {
    return desired(
        pool,
        WorkerPoolReconciler.environment(context),
        context.getSecondaryResource(Deployment.class).orElse(null));
  }

  /** The Deployment; {@code current} (may be null) supplies the replicas the autoscaler set. */
  static Deployment desired(WorkerPool pool, Environment environment, Deployment current) {
    var spec = pool.getSpec();
    String name = pool.getMetadata().getName();
    int drainSeconds = spec.getDrain().getMaxSeconds();
    return PlatformDeployment.build(
        environment,
        new PlatformDeployment.Role(
            ROLE,
            PlatformNames.workers(name),
            WorkerReplicas.of(pool, current),
            spec.getResources(),
            drainSeconds + KILL_MARGIN_SECONDS,
            Map.of(Labels.WORKER_POOL, name),
            List.of(
                new EnvVarBuilder().withName("STEVEDORE_WORKER_POOL").withValue(name).build(),
                new EnvVarBuilder()
                    .withName("STEVEDORE_WORKER_DRAIN_SECONDS")
                    .withValue(String.valueOf(drainSeconds))
                    .build()),
            PlatformDeployment.tenantDirectoryFromConfigMap(
                PlatformNames.workerTenantDirectory(name))));
  }
}
