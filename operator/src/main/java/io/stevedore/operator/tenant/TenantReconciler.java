package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.environment.EnvironmentValidation;
import io.stevedore.operator.kube.ApiKeys;
import io.stevedore.operator.kube.NameReferences;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.ReconciliationPause;
import io.stevedore.operator.status.StatusReporter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles a Tenant: checks its Environment and WorkerPool, runs its workflow (see {@link
 * TenantWorkflow}; each dependent's condition in status), then a batch of the dead-letter redrive
 * it asks for ({@link DeadLetterRedriver}), and on deletion offboards it as its deletion policy
 * says.
 */
// Labels and annotations matter as much as the spec here, and bump no generation.
@ControllerConfiguration(
    name = "tenant",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = TenantChangeFilter.class))
public class TenantReconciler implements Reconciler<Tenant>, Cleaner<Tenant> {
  private final StatusReporter status;
  private final TenantWorkflow workflow;
  private final ProvisioningReport report;
  private final TenantMetrics metrics;
  private final TenantOffboarding offboarding;
  private final PlatformClients platform;
  private final Clock clock;
  private final boolean isolation;

  /**
   * @param resync how often a provisioned tenant is checked for drift
   * @param isolation whether this operator may give tenants namespaces of their own
   */
  public TenantReconciler(
      StatusReporter status,
      PlatformClients platform,
      MeterRegistry meters,
      Clock clock,
      Duration resync,
      boolean isolation) {
    this.status = status;
    this.platform = platform;
    this.clock = clock;
    this.isolation = isolation;
    this.workflow =
        new TenantWorkflow(
            new TenantSecret.Generators(ApiKeys::generate, BrokerPasswords::generate), isolation);
    this.metrics = new TenantMetrics(meters);
    this.report = new ProvisioningReport(status, metrics, resync);
    this.offboarding = new TenantOffboarding(status, workflow);
  }

  @Override
  public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
    List<EventSource<?, Tenant>> sources = new ArrayList<>();
    sources.add(
        NameReferences.eventSource(context, Environment.class, t -> t.getSpec().getEnvironment()));
    sources.add(
        NameReferences.eventSource(context, WorkerPool.class, t -> t.getSpec().getWorkerPool()));
    sources.addAll(workflow.eventSources(context));
    return sources;
  }

  @Override
  public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
    UpdateControl<Tenant> control = reconcileAndReport(tenant, context);
    metrics.ready(tenant);
    return control;
  }

  private UpdateControl<Tenant> reconcileAndReport(Tenant tenant, Context<Tenant> context) {
    if (ReconciliationPause.requested(tenant)) {
      return ReconciliationPause.report(status, tenant, TenantStatus::new, clock.instant());
    }
    ReconciliationPause.announceResumed(status, tenant);
    Optional<ReadyState> blocked = blocked(tenant, context);
    if (blocked.isPresent()) {
      return status.report(tenant, TenantStatus::new, blocked.get(), ReconciliationPause::drop);
    }
    var scope =
        scope(tenant, context.getSecondaryResource(Environment.class).orElseThrow(), context);
    var result = workflow.workflow().reconcile(tenant, context);
    if (TenantConditions.interruptedByShutdown(result)) {
      return UpdateControl.noUpdate();
    }
    var conditions = TenantConditions.of(workflow.dependents(), result, scope);
    return report.report(scope, conditions, DeadLetterRedriver.run(scope, conditions));
  }

  @Override
  public DeleteControl cleanup(Tenant tenant, Context<Tenant> context) {
    DeleteControl control = offboard(tenant, context);
    if (control.isRemoveFinalizer()) {
      metrics.forget(tenant);
    }
    return control;
  }

  private DeleteControl offboard(Tenant tenant, Context<Tenant> context) {
    if (!TenantValidation.hasValidName(tenant)) {
      // Its derived names could be another tenant's (a "fleet.dlq" queue is fleet's DLQ).
      return offboarding.withInvalidName(tenant);
    }
    var environment = context.getSecondaryResource(Environment.class);
    if (environment.isEmpty() || !EnvironmentValidation.problems(environment.get()).isEmpty()) {
      return offboarding.withoutEnvironment(tenant);
    }
    return offboarding.offboard(scope(tenant, environment.get(), context), context);
  }

  @Override
  public ErrorStatusUpdateControl<Tenant> updateErrorStatus(
      Tenant tenant, Context<Tenant> context, Exception error) {
    var control = status.reportError(tenant, TenantStatus::new, error);
    metrics.ready(tenant);
    return control;
  }

  private TenantScope scope(Tenant tenant, Environment environment, Context<Tenant> context) {
    return new TenantScope(tenant, environment, platform, clock.instant(), isolation)
        .attach(context);
  }

  /** Why the tenant cannot be provisioned now, if it cannot. */
  private static Optional<ReadyState> blocked(Tenant tenant, Context<Tenant> context) {
    List<String> problems = TenantValidation.problems(tenant);
    if (!problems.isEmpty()) {
      return Optional.of(ReadyState.invalidSpec(problems));
    }
    var environment = context.getSecondaryResource(Environment.class);
    Optional<ReadyState> placement =
        TenantPlacement.check(tenant, environment, context.getSecondaryResource(WorkerPool.class));
    if (placement.isPresent()) {
      return placement;
    }
    if (!EnvironmentValidation.problems(environment.get()).isEmpty()) {
      return Optional.of(
          ReadyState.failed(
              "EnvironmentInvalid",
              "Environment '"
                  + tenant.getSpec().getEnvironment()
                  + "' has an invalid spec; see its status"));
    }
    return Optional.empty();
  }
}
