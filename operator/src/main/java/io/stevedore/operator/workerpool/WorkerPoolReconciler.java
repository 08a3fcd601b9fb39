package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.api.v1alpha1.WorkerPoolStatus;
import io.stevedore.operator.environment.EnvironmentValidation;
import io.stevedore.operator.kube.DeploymentRollout;
import io.stevedore.operator.kube.NameReferences;
import io.stevedore.operator.kube.NamespaceFanOut;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.StatusReporter;
import java.util.List;

/**
 * Reconciles a WorkerPool into its tenant directory ConfigMap, worker Deployment and
 * PodDisruptionBudget, and reports the tenants it serves.
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "tenant-directory", type = TenantDirectoryConfigMapDependentResource.class),
      @Dependent(
          name = "workers",
          type = WorkerDeploymentDependentResource.class,
          dependsOn = "tenant-directory"),
      @Dependent(
          name = "workers-disruption-budget",
          type = WorkerPodDisruptionBudgetDependentResource.class)
    })
@ControllerConfiguration(name = "workerpool")
public class WorkerPoolReconciler implements Reconciler<WorkerPool> {
  private final StatusReporter status;

  public WorkerPoolReconciler(StatusReporter status) {
    this.status = status;
  }

  @Override
  public List<EventSource<?, WorkerPool>> prepareEventSources(
      EventSourceContext<WorkerPool> context) {
    // Any tenant change in a namespace may change which of its pools serve it.
    return List.of(
        NameReferences.eventSource(context, Environment.class, p -> p.getSpec().getEnvironment()),
        NamespaceFanOut.eventSource(context, Tenant.class, ServedTenants.EVENT_SOURCE));
  }

  @Override
  public UpdateControl<WorkerPool> reconcile(WorkerPool pool, Context<WorkerPool> context) {
    List<String> problems = WorkerPoolValidation.problems(pool);
    if (!problems.isEmpty()) {
      return status.report(pool, WorkerPoolStatus::new, ReadyState.invalidSpec(problems), s -> {});
    }
    var environment = context.getSecondaryResource(Environment.class);
    if (environment.isEmpty()) {
      return status.report(
          pool,
          WorkerPoolStatus::new,
          ReadyState.failed(
              "EnvironmentNotFound",
              "Environment '"
                  + pool.getSpec().getEnvironment()
                  + "' does not exist in namespace '"
                  + pool.getMetadata().getNamespace()
                  + "'; the pool is deployed as soon as it does"),
          s -> {});
    }
    if (!EnvironmentValidation.problems(environment.get()).isEmpty()) {
      return status.report(
          pool,
          WorkerPoolStatus::new,
          ReadyState.failed(
              "EnvironmentInvalid",
              "Environment '"
                  + pool.getSpec().getEnvironment()
                  + "' has an invalid spec; see its status"),
          s -> {});
    }
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();

    List<String> served =
        ServedTenants.of(pool, context).stream().map(t -> t.getMetadata().getName()).toList();
    var rollout = DeploymentRollout.of(context.getSecondaryResource(Deployment.class).orElse(null));
    ReadyState state =
        rollout.complete()
            ? ReadyState.ready("Available", rollout.message() + ", " + served.size() + " tenants")
            : ReadyState.progressing("RollingOut", rollout.message());
    return status.report(
        pool,
        WorkerPoolStatus::new,
        state,
        s -> {
          s.setReplicas(rollout.desired());
          s.setReadyReplicas(rollout.ready());
          s.setTenants(served);
          s.setTenantCount(served.size());
        });
  }

  @Override
  public ErrorStatusUpdateControl<WorkerPool> updateErrorStatus(
      WorkerPool pool, Context<WorkerPool> context, Exception error) {
    return status.reportError(pool, WorkerPoolStatus::new, error);
  }

  /** The pool's Environment, which the reconciler has checked exists before the workflow runs. */
  static Environment environment(Context<WorkerPool> context) {
    return context
        .getSecondaryResource(Environment.class)
        .orElseThrow(() -> new IllegalStateException("Environment vanished during reconcile"));
  }
}
