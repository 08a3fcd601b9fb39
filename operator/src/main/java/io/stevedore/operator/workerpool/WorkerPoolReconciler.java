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
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Plan;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.api.v1alpha1.WorkerPoolStatus;
import io.stevedore.operator.environment.EnvironmentValidation;
import io.stevedore.operator.kube.DeploymentRollout;
import io.stevedore.operator.kube.NameReferences;
import io.stevedore.operator.kube.NamespaceFanOut;
import io.stevedore.operator.kube.OperatorPods;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.TenantBrokerQueues;
import io.stevedore.operator.platform.TenantDirectoryDependentResource;
import io.stevedore.operator.scaling.ScalingConditions;
import io.stevedore.operator.scaling.ScalingTarget;
import io.stevedore.operator.scaling.TenantCap;
import io.stevedore.operator.scaling.WorkerPoolScaler;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.StatusReporter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciles a WorkerPool into its tenant directory ConfigMaps, worker Deployment,
 * PodDisruptionBudget and NetworkPolicy, hands the pool to the autoscaler, and reports the tenants
 * it serves and the autoscaler's last decision.
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(
          name = "tenant-directory",
          type = TenantDirectoryConfigMapsDependentResource.class),
      @Dependent(
          name = "workers",
          type = WorkerDeploymentDependentResource.class,
          dependsOn = "tenant-directory"),
      @Dependent(
          name = "workers-disruption-budget",
          type = WorkerPodDisruptionBudgetDependentResource.class),
      @Dependent(name = "workers-network-policy", type = WorkerNetworkPolicyDependentResource.class)
    })
@ControllerConfiguration(name = "workerpool")
public class WorkerPoolReconciler implements Reconciler<WorkerPool> {
  private final StatusReporter status;
  private final WorkerPoolScaler scaler;
  private final OperatorPods operatorPods;
  private final Clock clock;
  private final int tenantDirectoryMaxObjectBytes;

  /**
   * @param tenantDirectoryMaxObjectBytes the most bytes of tenant directory in one ConfigMap
   */
  public WorkerPoolReconciler(
      StatusReporter status,
      WorkerPoolScaler scaler,
      OperatorPods operatorPods,
      Clock clock,
      int tenantDirectoryMaxObjectBytes) {
    this.status = status;
    this.scaler = scaler;
    this.operatorPods = operatorPods;
    this.clock = clock;
    this.tenantDirectoryMaxObjectBytes = tenantDirectoryMaxObjectBytes;
  }

  @Override
  public List<EventSource<?, WorkerPool>> prepareEventSources(
      EventSourceContext<WorkerPool> context) {
    // The autoscaler's reports come back as events, so status has one writer: this reconciler.
    var scalingReports = new SimpleInboundEventSource<WorkerPool>("scaling-reports");
    scaler.onReport(scalingReports::propagateEvent);
    List<EventSource<?, WorkerPool>> sources = new ArrayList<>();
    sources.add(
        NameReferences.eventSource(context, Environment.class, p -> p.getSpec().getEnvironment()));
    // Any tenant change in a namespace may change which of its pools serve it.
    sources.add(NamespaceFanOut.eventSource(context, Tenant.class, ServedTenants.EVENT_SOURCE));
    sources.add(scalingReports);
    sources.addAll(ScalingCaches.eventSources(context));
    return sources;
  }

  @Override
  public UpdateControl<WorkerPool> reconcile(WorkerPool pool, Context<WorkerPool> context) {
    List<String> problems = WorkerPoolValidation.problems(pool);
    if (!problems.isEmpty()) {
      return notScaling(pool, ReadyState.invalidSpec(problems));
    }
    var environment = context.getSecondaryResource(Environment.class);
    if (environment.isEmpty()) {
      return notScaling(
          pool,
          ReadyState.failed(
              "EnvironmentNotFound",
              "Environment '"
                  + pool.getSpec().getEnvironment()
                  + "' does not exist in namespace '"
                  + pool.getMetadata().getNamespace()
                  + "'; the pool is deployed as soon as it does"));
    }
    if (!EnvironmentValidation.problems(environment.get()).isEmpty()) {
      return notScaling(
          pool,
          ReadyState.failed(
              "EnvironmentInvalid",
              "Environment '"
                  + pool.getSpec().getEnvironment()
                  + "' has an invalid spec; see its status"));
    }
    List<Tenant> tenants = ServedTenants.of(pool, context);
    operatorPods.attach(context);
    context
        .managedWorkflowAndDependentResourceContext()
        .put(TenantDirectoryDependentResource.MAX_OBJECT_BYTES, tenantDirectoryMaxObjectBytes);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();

    List<String> served = tenants.stream().map(t -> t.getMetadata().getName()).toList();
    var id = ResourceID.fromResource(pool);
    scaler.track(
        new ScalingTarget(
            id,
            ScalingCaches.view(context),
            environment.get(),
            PlatformNames.workers(pool.getMetadata().getName()),
            tenants.stream().map(t -> TenantBrokerQueues.of(t, environment.get()).main()).toList(),
            tenants.stream().map(t -> cap(t, environment.get())).toList()));
    var report = scaler.report(id);
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
          report.ifPresent(
              r ->
                  ScalingConditions.apply(
                      s, r, pool.getMetadata().getGeneration(), clock.instant()));
        });
  }

  private static TenantCap cap(Tenant tenant, Environment environment) {
    Plan plan = tenant.getSpec().getPlan();
    Integer maxWorkers = plan == null ? null : plan.getMaxWorkers();
    return new TenantCap(
        tenant.getMetadata().getName(),
        TenantBrokerQueues.of(tenant, environment).main(),
        maxWorkers == null ? new Plan().getMaxWorkers() : maxWorkers);
  }

  /** Reports a pool that is not deployed and stops scaling it. */
  private UpdateControl<WorkerPool> notScaling(WorkerPool pool, ReadyState state) {
    scaler.untrack(ResourceID.fromResource(pool));
    return status.report(
        pool,
        WorkerPoolStatus::new,
        state,
        s ->
            ScalingConditions.notScaling(
                s,
                "not scaled while " + state.reason() + ": " + state.message(),
                pool.getMetadata().getGeneration(),
                clock.instant()));
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
