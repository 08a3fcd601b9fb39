package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.NameReferences;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.StatusReporter;
import java.util.List;
import java.util.Optional;

/** Reconciles a Tenant: checks its Environment and WorkerPool, then provisions its Secret. */
@Workflow(
    explicitInvocation = true,
    dependents = {@Dependent(name = "secret", type = TenantSecretDependentResource.class)})
@ControllerConfiguration(name = "tenant")
public class TenantReconciler implements Reconciler<Tenant> {
  private final StatusReporter status;

  public TenantReconciler(StatusReporter status) {
    this.status = status;
  }

  @Override
  public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
    return List.of(
        NameReferences.eventSource(context, Environment.class, t -> t.getSpec().getEnvironment()),
        NameReferences.eventSource(context, WorkerPool.class, t -> t.getSpec().getWorkerPool()));
  }

  @Override
  public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
    List<String> problems = TenantValidation.problems(tenant);
    if (!problems.isEmpty()) {
      return report(tenant, ReadyState.invalidSpec(problems));
    }
    Optional<ReadyState> blocked =
        TenantPlacement.check(
            tenant,
            context.getSecondaryResource(Environment.class),
            context.getSecondaryResource(WorkerPool.class));
    if (blocked.isPresent()) {
      return report(tenant, blocked.get());
    }
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    return report(
        tenant,
        ReadyState.ready(
            "Provisioned",
            "queue "
                + TenantQueues.of(
                        tenant.getMetadata().getNamespace(), tenant.getMetadata().getName())
                    .main()
                + " served by WorkerPool "
                + tenant.getSpec().getWorkerPool()));
  }

  @Override
  public ErrorStatusUpdateControl<Tenant> updateErrorStatus(
      Tenant tenant, Context<Tenant> context, Exception error) {
    return status.reportError(tenant, TenantStatus::new, error);
  }

  private UpdateControl<Tenant> report(Tenant tenant, ReadyState state) {
    String namespace = tenant.getMetadata().getNamespace();
    String name = tenant.getMetadata().getName();
    return status.report(
        tenant,
        TenantStatus::new,
        state,
        s -> {
          if (state.ready()) {
            var queues = TenantQueues.of(namespace, name);
            s.setQueue(queues.main());
            s.setDeadLetterQueue(queues.deadLetter());
            s.setSecretName(PlatformNames.tenantSecret(name));
          }
        });
  }
}
