package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.AbstractDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's resource on one of its Environment's services (queues, broker user, table, MySQL
 * rows): observed by asking the service (no informer exists for it), created when missing, and
 * removed when the tenant is offboarded with deletionPolicy Delete.
 *
 * <p>A tenant that never had the resource is not looked at first: creating is idempotent and one
 * round trip cheaper, which is most of a signup's time.
 */
abstract class ServiceDependentResource<R> extends AbstractDependentResource<R, Tenant>
    implements TenantDependent, Creator<R, Tenant>, Deleter<Tenant> {
  private final Class<R> type;

  protected ServiceDependentResource(Class<R> type) {
    this.type = type;
  }

  /** What exists on the service now; empty when missing. */
  protected abstract Optional<R> observe(TenantScope scope) throws Exception;

  /** Removes what this dependent made. */
  protected abstract void remove(TenantScope scope) throws Exception;

  /** Whether offboarding removes this resource. */
  protected boolean removes(TenantScope scope) {
    return scope.removesData();
  }

  @Override
  public Class<R> resourceType() {
    return type;
  }

  @Override
  public ReconcileResult<R> reconcile(Tenant tenant, Context<Tenant> context) {
    return TenantScope.of(context).timed(condition(), () -> super.reconcile(tenant, context));
  }

  @Override
  public Optional<R> getSecondaryResource(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    Optional<R> observed = call(() -> observe(scope));
    observed.ifPresent(r -> scope.state(this, r));
    return observed;
  }

  @Override
  protected Optional<R> selectTargetSecondaryResource(
      Set<R> secondaryResources, Tenant tenant, Context<Tenant> context) {
    return Optional.empty();
  }

  @Override
  protected void onCreated(Tenant tenant, R created, Context<Tenant> context) {
    TenantScope.of(context).state(this, created);
  }

  @Override
  protected void onUpdated(Tenant tenant, R updated, R actual, Context<Tenant> context) {
    TenantScope.of(context).state(this, updated);
  }

  /** The resource as this reconciliation last saw or made it. */
  protected Optional<R> state(TenantScope scope) {
    return scope.state(this, type);
  }

  @Override
  public void delete(Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    if (removes(scope)) {
      call(
          () -> {
            remove(scope);
            return null;
          });
    }
  }

  /** A call to a service; what it throws fails this dependent only (the workflow records it). */
  protected static <T> T call(ServiceCall<T> call) {
    try {
      return call.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ServiceFailure(e);
    }
  }

  /** Work against a service. */
  protected interface ServiceCall<T> {
    T run() throws Exception;
  }

  /** What a service threw, carried through the framework, which takes unchecked exceptions only. */
  static final class ServiceFailure extends RuntimeException {
    ServiceFailure(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }
}
