package io.stevedore.operator.scaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.kube.LabelSelectors;
import java.util.List;
import java.util.Optional;

/**
 * What the autoscaler reads of the cluster on every tick, from the WorkerPool controller's own
 * caches (its informer event sources): it opens no watch of its own and sees what the reconciler
 * sees.
 */
public record ClusterView(
    ResourceCache<WorkerPool> pools,
    ResourceCache<Deployment> deployments,
    ResourceCache<Pod> pods,
    ResourceCache<ResourceQuota> quotas) {

  public Optional<WorkerPool> pool(ResourceID id) {
    return pools.get(id);
  }

  public Optional<Deployment> deployment(String namespace, String name) {
    return deployments.get(new ResourceID(name, namespace));
  }

  /** The pods of {@code deployment}: those its selector selects, not being deleted. */
  public List<Pod> pods(Deployment deployment) {
    var selector = deployment.getSpec().getSelector();
    return pods.list(
            deployment.getMetadata().getNamespace(),
            p ->
                p.getMetadata().getDeletionTimestamp() == null
                    && LabelSelectors.matches(selector, p.getMetadata().getLabels()))
        .toList();
  }

  public List<ResourceQuota> quotas(String namespace) {
    return quotas.list(namespace).toList();
  }
}
