package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import java.util.List;

/**
 * The tenant's Secret: API key, broker login and connection details, and credential rotation with
 * an overlap window (see {@link TenantSecret}); `SecretReady`. Owned by the Tenant.
 */
class TenantSecretDependentResource extends OwnedDependentResource<Secret, Tenant>
    implements TenantDependent {
  static final String CONDITION = "SecretReady";
  static final String COMPONENT = "tenant-credentials";

  private final TenantSecret.Generators generators;

  TenantSecretDependentResource(TenantSecret.Generators generators) {
    super(Secret.class);
    this.generators = generators;
  }

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  protected InformerEventSourceConfiguration.Builder<Secret> informerConfigurationBuilder(
      EventSourceContext<Tenant> context) {
    // Only Secrets the operator made: one of the same name made by someone else is not adopted.
    return super.informerConfigurationBuilder(context)
        .withLabelSelector(Labels.COMPONENT + "=" + COMPONENT);
  }

  @Override
  protected ResourceID targetSecondaryResourceID(Tenant tenant, Context<Tenant> context) {
    return new ResourceID(
        io.stevedore.operator.platform.PlatformNames.tenantSecret(tenant.getMetadata().getName()),
        tenant.getMetadata().getNamespace());
  }

  @Override
  protected Secret desired(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    var rabbit = scope.environment.getSpec().getBroker().getRabbitmq();
    var login =
        scope.brokerUsers() ? new TenantSecret.BrokerLogin(rabbit.getUrl(), scope.vhost()) : null;
    var desired =
        TenantSecret.desired(
            tenant,
            scope.names,
            login,
            getSecondaryResource(tenant, context),
            scope.now,
            generators);
    scope.secret(desired);
    return desired.secret();
  }

  @Override
  public Matcher.Result<Secret> match(Secret actual, Tenant tenant, Context<Tenant> context) {
    Secret desired = getOrComputeDesired(context);
    var change = TenantScope.of(context).secret().orElseThrow().change();
    return Matcher.Result.computed(change == TenantSecret.Change.NONE, desired);
  }

  @Override
  public Secret update(Secret actual, Secret desired, Tenant tenant, Context<Tenant> context) {
    // The whole Secret is replaced: annotations of an ended overlap must go, not be merged.
    addMetadata(false, actual, desired, tenant, context);
    desired.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
    return context.resourceOperations().update(desired, eventSource().orElse(null));
  }

  @Override
  public ReconcileResult<Secret> reconcile(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    return scope.timed(
        CONDITION,
        () -> {
          // Another Tenant's Secret is never read (its keys), adopted or overwritten.
          return TenantOwnership.reconcile(
              getSecondaryResource(tenant, context),
              tenant,
              "Secret",
              scope.names.namespace() + "/" + scope.names.secret(),
              () -> super.reconcile(tenant, context));
        });
  }

  @Override
  protected void onCreated(Tenant tenant, Secret created, Context<Tenant> context) {
    super.onCreated(tenant, created, context);
    TenantScope.of(context)
        .created(
            CONDITION,
            List.of(
                "Secret "
                    + created.getMetadata().getName()
                    + " (with a new API key and broker password: the old ones no longer work)"));
  }

  @Override
  public ProvisioningCondition reconciled(TenantScope scope) {
    String login =
        scope
            .credentials()
            .filter(c -> c.brokerUsername() != null)
            .map(c -> " and broker user " + c.brokerUsername())
            .orElse("");
    return ProvisioningCondition.ready(
        CONDITION, "Present", "Secret " + scope.names.secret() + " holds the API key" + login);
  }
}
