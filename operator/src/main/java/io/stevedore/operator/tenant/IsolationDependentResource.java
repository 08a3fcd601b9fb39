package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An object of the tenant's own namespace (see {@link TenantIsolation}); `IsolationReady`. The
 * namespace is cluster-scoped and the rest live outside the Tenant's namespace, so none can have an
 * owner reference to it: labels name the Tenant and map each back to it, and offboarding removes
 * them only under deletionPolicy Delete.
 */
abstract class IsolationDependentResource<R extends HasMetadata>
    extends CRUDNoGCKubernetesDependentResource<R, Tenant>
    implements TenantDependent, SecondaryToPrimaryMapper<R> {
  static final String CONDITION = "IsolationReady";

  private final String component;

  protected IsolationDependentResource(Class<R> type, String component) {
    super(type);
    this.component = component;
  }

  /** The object's name; its namespace is the tenant's own. */
  protected abstract String objectName(TenantScope scope);

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  protected InformerEventSourceConfiguration.Builder<R> informerConfigurationBuilder(
      EventSourceContext<Tenant> context) {
    // Tenant namespaces are made on the way, so no fixed list of namespaces holds them.
    return super.informerConfigurationBuilder(context)
        .withWatchAllNamespaces()
        .withLabelSelector(Labels.COMPONENT + "=" + component);
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(R resource) {
    var labels = resource.getMetadata().getLabels();
    String tenant = labels == null ? null : labels.get(Labels.TENANT);
    String namespace = labels == null ? null : labels.get(TenantIsolation.TENANT_NAMESPACE);
    return tenant == null || namespace == null
        ? Set.of()
        : Set.of(new ResourceID(tenant, namespace));
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, Tenant tenant) {
    // The labels of TenantIsolation are the reference.
  }

  @Override
  protected ResourceID targetSecondaryResourceID(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    boolean clusterScoped = this instanceof IsolationNamespaceDependentResource;
    return new ResourceID(
        objectName(scope), clusterScoped ? null : scope.names.isolationNamespace());
  }

  @Override
  public ReconcileResult<R> reconcile(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    return scope.timed(
        CONDITION,
        () -> {
          // Another tenant's object or one made by hand is never adopted, relabelled or changed.
          return TenantOwnership.reconcile(
              getSecondaryResource(tenant, context),
              tenant,
              resourceType().getSimpleName(),
              qualifiedName(scope),
              () -> super.reconcile(tenant, context));
        });
  }

  private String qualifiedName(TenantScope scope) {
    return this instanceof IsolationNamespaceDependentResource
        ? objectName(scope)
        : scope.names.isolationNamespace() + "/" + objectName(scope);
  }

  @Override
  protected void onCreated(Tenant tenant, R created, Context<Tenant> context) {
    super.onCreated(tenant, created, context);
    TenantScope.of(context)
        .created(CONDITION, List.of(created.getKind() + " " + created.getMetadata().getName()));
  }

  @Override
  public void delete(Tenant tenant, Context<Tenant> context) {
    if (TenantScope.of(context).removesData()) {
      // Only what is the tenant's: an object of the same name made by anyone else stays.
      getSecondaryResource(tenant, context)
          .filter(r -> TenantOwnership.of(r, tenant) != TenantOwnership.Verdict.FOREIGN)
          .ifPresent(r -> context.getClient().resource(r).delete());
    }
  }

  @Override
  public Optional<ProvisioningCondition> without(TenantScope scope) {
    if (!scope.isolated()) {
      return Optional.of(
          ProvisioningCondition.ready(
              CONDITION, "NotConfigured", "the Environment does not isolate tenants"));
    }
    return Optional.empty();
  }

  @Override
  public ProvisioningCondition reconciled(TenantScope scope) {
    return ProvisioningCondition.ready(
        CONDITION,
        "Isolated",
        "namespace "
            + scope.names.isolationNamespace()
            + " with the tenant's credentials, quota "
            + TenantIsolation.quota(scope.tenant, scope.environment)
            + " and a default-deny network policy");
  }
}
