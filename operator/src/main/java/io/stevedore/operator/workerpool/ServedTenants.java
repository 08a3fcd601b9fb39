package io.stevedore.operator.workerpool;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.LabelSelectors;
import io.stevedore.operator.platform.TenantServing;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The Tenants a WorkerPool serves: those that name it, that its selector selects, and whose queues
 * workers may consume (provisioned, and not released by offboarding: see TenantServing).
 */
final class ServedTenants {
  /** The WorkerPool controller's Tenants informer. */
  static final String EVENT_SOURCE = "tenants";

  private static final String SNAPSHOT = "served-tenants";

  private ServedTenants() {}

  /** The served tenants among {@code candidates} (same namespace and Environment), by name. */
  static List<Tenant> of(WorkerPool pool, Collection<Tenant> candidates) {
    var meta = pool.getMetadata();
    var spec = pool.getSpec();
    return candidates.stream()
        .filter(t -> meta.getNamespace().equals(t.getMetadata().getNamespace()))
        .filter(
            t ->
                t.getSpec() != null
                    && meta.getName().equals(t.getSpec().getWorkerPool())
                    && spec.getEnvironment().equals(t.getSpec().getEnvironment()))
        .filter(t -> LabelSelectors.matches(spec.getTenantSelector(), t.getMetadata().getLabels()))
        .filter(TenantServing::byWorkers)
        .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
        .toList();
  }

  /**
   * The served tenants as the controller's Tenants informer knows them, read once per reconcile so
   * the worker directory and the pool's status list the same tenants.
   */
  @SuppressWarnings("unchecked")
  static List<Tenant> of(WorkerPool pool, Context<WorkerPool> context) {
    var shared = context.managedWorkflowAndDependentResourceContext();
    var snapshot = shared.get(SNAPSHOT, List.class);
    if (snapshot.isPresent()) {
      return (List<Tenant>) snapshot.get();
    }
    List<Tenant> served = fromInformer(pool, context);
    shared.put(SNAPSHOT, served);
    return served;
  }

  @SuppressWarnings("unchecked")
  private static List<Tenant> fromInformer(WorkerPool pool, Context<WorkerPool> context) {
    var tenants =
        (InformerEventSource<Tenant, WorkerPool>)
            context.eventSourceRetriever().getEventSourceFor(Tenant.class, EVENT_SOURCE);
    return of(pool, tenants.list(pool.getMetadata().getNamespace()).toList());
  }
}
