package io.stevedore.operator.workerpool;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.scaling.ClusterView;
import java.util.List;
import java.util.Set;

/**
 * The WorkerPool controller's caches that the autoscaler reads: the worker Deployments (the
 * workflow's dependent watches them), and the worker pods and ResourceQuotas, watched here for the
 * autoscaler alone. Pods and quotas trigger no reconcile: nothing the reconciler writes depends on
 * them, and the autoscaler reads them on its own schedule.
 */
final class ScalingCaches {
  static final String WORKER_PODS = "worker-pods";
  static final String QUOTAS = "resource-quotas";

  private ScalingCaches() {}

  static List<EventSource<?, WorkerPool>> eventSources(EventSourceContext<WorkerPool> context) {
    var pods =
        InformerEventSourceConfiguration.from(Pod.class, WorkerPool.class)
            .withName(WORKER_PODS)
            .withNamespacesInheritedFromController()
            .withLabelSelector(Labels.WORKER_POOL)
            .withSecondaryToPrimaryMapper(
                pod ->
                    Set.of(
                        new ResourceID(
                            pod.getMetadata().getLabels().get(Labels.WORKER_POOL),
                            pod.getMetadata().getNamespace())))
            .withGenericFilter(pod -> false)
            .build();
    var quotas =
        InformerEventSourceConfiguration.from(ResourceQuota.class, WorkerPool.class)
            .withName(QUOTAS)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(quota -> Set.of())
            .withGenericFilter(quota -> false)
            .build();
    return List.of(
        new InformerEventSource<>(pods, context), new InformerEventSource<>(quotas, context));
  }

  /** The view the autoscaler reads, over this controller's caches. */
  static ClusterView view(Context<WorkerPool> context) {
    var sources = context.eventSourceRetriever();
    return new ClusterView(
        context.getPrimaryCache(),
        cache(sources.getEventSourceFor(Deployment.class)),
        cache(sources.getEventSourceFor(Pod.class, WORKER_PODS)),
        cache(sources.getEventSourceFor(ResourceQuota.class, QUOTAS)));
  }

  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata> ResourceCache<R> cache(EventSource<R, WorkerPool> source) {
    return (ResourceCache<R>) source;
  }
}
