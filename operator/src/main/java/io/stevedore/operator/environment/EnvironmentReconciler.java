package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.EnvironmentStatus;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.NamespaceFanOut;
import io.stevedore.operator.kube.OperatorPods;
import io.stevedore.operator.platform.TenantDirectoryDependentResource;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.StatusReporter;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Reconciles an Environment into its platform ConfigMap, tenant directory Secrets, ingest
 * Deployment, Service, PodDisruptionBudget and NetworkPolicy, and reports its release: fully rolled
 * out or not, its last good release and its history.
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "config", type = PlatformConfigMapDependentResource.class),
      @Dependent(name = "tenant-directory", type = TenantDirectorySecretsDependentResource.class),
      @Dependent(
          name = "ingest",
          type = IngestDeploymentDependentResource.class,
          dependsOn = "tenant-directory"),
      @Dependent(name = "service", type = IngestServiceDependentResource.class),
      @Dependent(
          name = "ingest-disruption-budget",
          type = IngestPodDisruptionBudgetDependentResource.class),
      @Dependent(name = "ingest-network-policy", type = IngestNetworkPolicyDependentResource.class)
    })
@ControllerConfiguration(name = "environment")
public class EnvironmentReconciler implements Reconciler<Environment> {
  /** The Tenants informer; its entries make the tenant directory. */
  static final String TENANTS = "tenants";

  /** The informer of tenant Secrets (API keys); the directory Secret has an informer of its own. */
  static final String TENANT_SECRETS = "tenant-secrets";

  private final StatusReporter status;
  private final OperatorPods operatorPods;
  private final Clock clock;
  private final int tenantDirectoryMaxObjectBytes;

  /**
   * @param tenantDirectoryMaxObjectBytes the most bytes of tenant directory in one Secret
   */
  public EnvironmentReconciler(
      StatusReporter status,
      OperatorPods operatorPods,
      Clock clock,
      int tenantDirectoryMaxObjectBytes) {
    this.status = status;
    this.operatorPods = operatorPods;
    this.clock = clock;
    this.tenantDirectoryMaxObjectBytes = tenantDirectoryMaxObjectBytes;
  }

  @Override
  public List<EventSource<?, Environment>> prepareEventSources(
      EventSourceContext<Environment> context) {
    var tenantSecrets =
        InformerEventSourceConfiguration.from(Secret.class, Environment.class)
            .withName(TENANT_SECRETS)
            .withNamespacesInheritedFromController()
            .withLabelSelector(Labels.TENANT)
            .withSecondaryToPrimaryMapper(
                secret -> {
                  String environment = secret.getMetadata().getLabels().get(Labels.ENVIRONMENT);
                  return environment == null
                      ? Set.of()
                      : Set.of(new ResourceID(environment, secret.getMetadata().getNamespace()));
                })
            .build();
    // A tenant moved to another Environment must also leave the old one's directory.
    return List.of(
        NamespaceFanOut.eventSource(context, Tenant.class, TENANTS),
        new InformerEventSource<>(tenantSecrets, context),
        EnvironmentEventSources.workerDeployments(context),
        EnvironmentEventSources.promotions(context),
        EnvironmentEventSources.environments(context));
  }

  @Override
  public UpdateControl<Environment> reconcile(
      Environment environment, Context<Environment> context) {
    List<String> problems = EnvironmentValidation.problems(environment);
    if (!problems.isEmpty()) {
      return status.report(
          environment, EnvironmentStatus::new, ReadyState.invalidSpec(problems), s -> {});
    }
    operatorPods.attach(context);
    context
        .managedWorkflowAndDependentResourceContext()
        .put(TenantDirectoryDependentResource.MAX_OBJECT_BYTES, tenantDirectoryMaxObjectBytes);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();

    Deployment ingest =
        context.getSecondaryResources(Deployment.class).stream()
            .filter(d -> IngestDeploymentDependentResource.ROLE.equals(component(d)))
            .findFirst()
            .orElse(null);
    var rollout =
        ReleaseRollout.of(
            environment, ingest, EnvironmentEventSources.workerDeployments(environment, context));
    ReadyState state =
        rollout.complete()
            ? ReadyState.ready("Available", rollout.message())
            : ReadyState.progressing("RollingOut", rollout.message());
    var promotions = EnvironmentEventSources.promotions(environment, context);
    var sources = EnvironmentEventSources.promotionSources(environment, context);
    return status.report(
        environment,
        EnvironmentStatus::new,
        state,
        s -> {
          s.setIngestUrl(IngestServiceDependentResource.url(environment));
          s.setIngestReadyReplicas(rollout.ingest().ready());
          ReleaseHistory.update(s, environment, rollout.complete(), promotions, clock.instant());
          PromotionPolicyCondition.apply(s, environment, sources, status.events(), clock.instant());
        });
  }

  private static String component(Deployment deployment) {
    var labels = deployment.getMetadata().getLabels();
    return labels == null ? null : labels.get(Labels.COMPONENT);
  }

  @Override
  public ErrorStatusUpdateControl<Environment> updateErrorStatus(
      Environment environment, Context<Environment> context, Exception error) {
    return status.reportError(environment, EnvironmentStatus::new, error);
  }
}
