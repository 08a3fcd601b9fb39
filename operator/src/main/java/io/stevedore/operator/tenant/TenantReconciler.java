package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantStatus;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.environment.EnvironmentValidation;
import io.stevedore.operator.kube.ApiKeys;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.NameReferences;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.ReconciliationPause;
import io.stevedore.operator.status.StatusReporter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Reconciles a Tenant: checks its Environment and WorkerPool, runs the provisioning steps (each
 * with its own condition), and on deletion offboards it as its deletion policy says.
 */
// Labels and annotations matter as much as the spec here, and bump no generation.
@ControllerConfiguration(
    name = "tenant",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = TenantChangeFilter.class))
public class TenantReconciler implements Reconciler<Tenant>, Cleaner<Tenant> {
  /** Threads for the steps that wait on the platform's services, shared by all reconciliations. */
  private static final int STEP_THREADS = 64;

  private final StatusReporter status;
  private final TenantProvisioning provisioning;
  private final TenantOffboarding offboarding;
  private final PlatformClients platform;
  private final Clock clock;

  /**
   * @param resync how often a provisioned tenant is checked for drift
   */
  public TenantReconciler(
      StatusReporter status,
      PlatformClients platform,
      MeterRegistry meters,
      Clock clock,
      Duration resync) {
    this.status = status;
    this.platform = platform;
    this.clock = clock;
    this.provisioning =
        new TenantProvisioning(
            status,
            new TenantSecret.Generators(ApiKeys::generate, BrokerPasswords::generate),
            resync,
            Executors.newFixedThreadPool(
                STEP_THREADS,
                runnable -> {
                  Thread thread = new Thread(runnable, "tenant-step");
                  thread.setDaemon(true);
                  return thread;
                }),
            new TenantMetrics(meters));
    this.offboarding = new TenantOffboarding(status, provisioning);
  }

  @Override
  public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
    var secrets =
        InformerEventSourceConfiguration.from(Secret.class, Tenant.class)
            .withName("tenant-secret")
            .withNamespacesInheritedFromController()
            .withLabelSelector(Labels.COMPONENT + "=tenant-credentials")
            .withSecondaryToPrimaryMapper(
                secret -> {
                  String tenant = secret.getMetadata().getLabels().get(Labels.TENANT);
                  return tenant == null
                      ? Set.of()
                      : Set.of(new ResourceID(tenant, secret.getMetadata().getNamespace()));
                })
            .withPrimaryToSecondaryMapper(
                (Tenant t) ->
                    Set.of(
                        new ResourceID(
                            PlatformNames.tenantSecret(t.getMetadata().getName()),
                            t.getMetadata().getNamespace())))
            .build();
    return List.of(
        NameReferences.eventSource(context, Environment.class, t -> t.getSpec().getEnvironment()),
        NameReferences.eventSource(context, WorkerPool.class, t -> t.getSpec().getWorkerPool()),
        new InformerEventSource<>(secrets, context));
  }

  @Override
  public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
    if (ReconciliationPause.requested(tenant)) {
      return ReconciliationPause.report(status, tenant, TenantStatus::new, clock.instant());
    }
    ReconciliationPause.announceResumed(status, tenant);
    Optional<ReadyState> blocked = blocked(tenant, context);
    if (blocked.isPresent()) {
      return status.report(tenant, TenantStatus::new, blocked.get(), ReconciliationPause::drop);
    }
    var work =
        new TenantWork(
            tenant,
            context.getSecondaryResource(Environment.class).orElseThrow(),
            platform,
            context,
            clock.instant());
    return provisioning.reconcile(work);
  }

  @Override
  public DeleteControl cleanup(Tenant tenant, Context<Tenant> context) {
    var environment = context.getSecondaryResource(Environment.class);
    if (environment.isEmpty() || !EnvironmentValidation.problems(environment.get()).isEmpty()) {
      return offboarding.withoutEnvironment(tenant);
    }
    return offboarding.offboard(
        new TenantWork(tenant, environment.get(), platform, context, clock.instant()));
  }

  @Override
  public ErrorStatusUpdateControl<Tenant> updateErrorStatus(
      Tenant tenant, Context<Tenant> context, Exception error) {
    return status.reportError(tenant, TenantStatus::new, error);
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
