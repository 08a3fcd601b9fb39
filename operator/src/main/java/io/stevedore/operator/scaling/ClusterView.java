package io.stevedore.operator.scaling;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.stevedore.operator.kube.LabelSelectors;
import io.stevedore.operator.kube.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the autoscaler reads from the API on every tick, from informers rather than requests: the
 * worker Deployments and Pods, and the ResourceQuotas of the watched namespaces.
 */
public final class ClusterView implements AutoCloseable {
  private final List<SharedIndexInformer<Deployment>> deployments = new ArrayList<>();
  private final List<SharedIndexInformer<Pod>> pods = new ArrayList<>();
  private final List<SharedIndexInformer<ResourceQuota>> quotas = new ArrayList<>();

  /**
   * @param namespaces the namespaces to watch; empty means all
   */
  public ClusterView(KubernetesClient client, Set<String> namespaces) {
    if (namespaces.isEmpty()) {
      deployments.add(
          client.apps().deployments().inAnyNamespace().withLabel(Labels.WORKER_POOL).inform());
      pods.add(client.pods().inAnyNamespace().withLabel(Labels.WORKER_POOL).inform());
      quotas.add(client.resourceQuotas().inAnyNamespace().inform());
    } else {
      for (String namespace : namespaces) {
        deployments.add(
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withLabel(Labels.WORKER_POOL)
                .inform());
        pods.add(client.pods().inNamespace(namespace).withLabel(Labels.WORKER_POOL).inform());
        quotas.add(client.resourceQuotas().inNamespace(namespace).inform());
      }
    }
  }

  /** The Deployment, or null when it does not exist (yet). */
  public Deployment deployment(String namespace, String name) {
    for (var informer : deployments) {
      Deployment found = informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The pods of {@code deployment}: those its selector selects, not being deleted. */
  public List<Pod> pods(Deployment deployment) {
    var selector = deployment.getSpec().getSelector();
    return inNamespace(pods, deployment.getMetadata().getNamespace()).stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> LabelSelectors.matches(selector, p.getMetadata().getLabels()))
        .toList();
  }

  public List<ResourceQuota> quotas(String namespace) {
    return inNamespace(quotas, namespace);
  }

  private static <T extends HasMetadata> List<T> inNamespace(
      List<SharedIndexInformer<T>> informers, String namespace) {
    List<T> found = new ArrayList<>();
    for (var informer : informers) {
      found.addAll(informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace));
    }
    return found;
  }

  @Override
  public void close() {
    deployments.forEach(SharedIndexInformer::close);
    pods.forEach(SharedIndexInformer::close);
    quotas.forEach(SharedIndexInformer::close);
  }
}
