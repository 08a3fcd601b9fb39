package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.platform.PlatformDeployment;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.scaling.Pause;
import io.stevedore.operator.scaling.ScalingParameters;
import java.util.List;
import java.util.Map;

/**
 * The Deployment of a WorkerPool's worker pods. Its replicas belong to the autoscaler, which writes
 * them through the scale subresource: this dependent sets them only when it creates the Deployment,
 * and its updates keep whatever the Deployment has, so a change of the pool never fights a scale.
 */
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
    return desired(pool, WorkerPoolReconciler.environment(context));
  }

  @Override
  public Matcher.Result<Deployment> match(
      Deployment actual, Deployment desired, WorkerPool pool, Context<WorkerPool> context) {
    // Replicas are the autoscaler's: a difference there is never a reason to update.
    return super.match(actual, withReplicasOf(actual, desired), pool, context);
  }

  @Override
  public Deployment update(
      Deployment actual, Deployment desired, WorkerPool pool, Context<WorkerPool> context) {
    // An update replaces the spec: it carries the replicas the Deployment has (optimistic lock).
    return super.update(actual, withReplicasOf(actual, desired), pool, context);
  }

  /** The replicas a new worker Deployment starts with: a pinned count, else minReplicas. */
  static int initialReplicas(WorkerPool pool) {
    return Pause.of(pool.getMetadata().getAnnotations())
        .pinned()
        .orElse(ScalingParameters.of(pool.getSpec().getScaling()).minReplicas());
  }

  /** {@code desired} with the replicas {@code actual} has, which only the autoscaler changes. */
  static Deployment withReplicasOf(Deployment actual, Deployment desired) {
    return new DeploymentBuilder(desired)
        .editSpec()
        .withReplicas(actual.getSpec().getReplicas())
        .endSpec()
        .build();
  }

  /** The Deployment as a new pool gets it ({@link #initialReplicas} replicas). */
  static Deployment desired(WorkerPool pool, Environment environment) {
    var spec = pool.getSpec();
    String name = pool.getMetadata().getName();
    int drainSeconds = spec.getDrain().getMaxSeconds();
    return PlatformDeployment.build(
        environment,
        new PlatformDeployment.Role(
            ROLE,
            PlatformNames.workers(name),
            initialReplicas(pool),
            spec.getResources(),
            drainSeconds + KILL_MARGIN_SECONDS,
            Map.of(Labels.WORKER_POOL, name),
            List.of(
                new EnvVarBuilder().withName("STEVEDORE_WORKER_POOL").withValue(name).build(),
                new EnvVarBuilder()
                    .withName("STEVEDORE_WORKER_DRAIN_SECONDS")
                    .withValue(String.valueOf(drainSeconds))
                    .build()),
            PlatformDeployment.tenantDirectoryFromConfigMaps(
                PlatformNames.workerTenantDirectory(name))));
  }
}
