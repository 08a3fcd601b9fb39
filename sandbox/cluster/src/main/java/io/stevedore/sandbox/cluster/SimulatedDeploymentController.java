package io.stevedore.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for kube-controller-manager and the kubelets, which the embedded API lacks: every
 * Deployment gets Pod objects as its ReplicaSet would make them (template labels plus
 * pod-template-hash, a controller owner reference, a Ready condition, no pod IP: no process runs),
 * and its status is reported from them.
 *
 * <ul>
 *   <li>Scaling in deletes the pods a ReplicaSet would: not ready first, then the lowest
 *       `controller.kubernetes.io/pod-deletion-cost`, then the newest.
 *   <li>A template change rolls the pods with maxUnavailable 0: new pods first (a surge of 25 %, at
 *       least one), old ones deleted only while enough ready pods remain.
 *   <li>Test hook: pods whose container image tag ends with {@code -unready} never become Ready, so
 *       a rollout to such an image never completes (as with a release whose readiness probe fails).
 * </ul>
 */
public final class SimulatedDeploymentController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatedDeploymentController.class);
  static final String UNREADY_TAG_SUFFIX = "-unready";

  private final KubernetesClient client;
  private final Clock clock = Clock.systemUTC();
  private final SharedIndexInformer<Deployment> deployments;
  private final SharedIndexInformer<Pod> pods;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "simulated-deployments");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> creations = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> deletions = new ConcurrentHashMap<>();

  public SimulatedDeploymentController(KubernetesClient client) {
    this.client = client;
    this.pods = client.pods().inAnyNamespace().inform(handler(this::podChanged));
    this.deployments =
        client.apps().deployments().inAnyNamespace().inform(handler(d -> markDirty(key(d))));
  }

  private <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T item) {
        changed.accept(item);
      }

      @Override
      public void onUpdate(T before, T after) {
        changed.accept(after);
      }

      @Override
      public void onDelete(T item, boolean unknownFinalState) {
        changed.accept(item);
      }
    };
  }

  private void podChanged(Pod pod) {
    var owners = pod.getMetadata().getOwnerReferences();
    if (owners != null) {
      owners.stream()
          .filter(o -> "Deployment".equals(o.getKind()))
          .forEach(o -> markDirty(pod.getMetadata().getNamespace() + "/" + o.getName()));
    }
  }

  private void markDirty(String key) {
    if (dirty.add(key)) {
      worker.execute(
          () -> {
            dirty.remove(key);
            Deployment deployment = deployments.getStore().getByKey(key);
            if (deployment != null) {
              try {
                sync(deployment);
              } catch (KubernetesClientException e) {
                log.debug("Simulated sync of {} failed: {}", key, e.getMessage());
                markDirty(key);
              }
            }
          });
    }
  }

  private void sync(Deployment deployment) {
    String key = key(deployment);
    String namespace = deployment.getMetadata().getNamespace();
    String hash = PodObjects.templateHash(deployment);
    int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    List<Pod> owned =
        pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
            .filter(p -> PodObjects.ownedBy(p, deployment))
            .toList();
    // Expectations, as the ReplicaSet controller keeps them: what it did that the cache lags on.
    Set<String> seen = new java.util.HashSet<>();
    owned.forEach(p -> seen.add(p.getMetadata().getName()));
    Set<String> creating = creations.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
    Set<String> deleting = deletions.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
    creating.removeIf(seen::contains);
    deleting.retainAll(seen);
    owned = owned.stream().filter(p -> !deleting.contains(p.getMetadata().getName())).toList();

    List<Pod> current = new ArrayList<>();
    List<Pod> old = new ArrayList<>();
    for (Pod pod : owned) {
      (hash.equals(pod.getMetadata().getLabels().get(PodObjects.TEMPLATE_HASH)) ? current : old)
          .add(pod);
    }
    int currentCount = current.size() + creating.size();
    if (currentCount > desired) {
      for (Pod victim : PodObjects.scaleInVictims(current, currentCount - desired)) {
        delete(key, victim);
        currentCount--;
      }
    }
    int surge = desired == 0 ? 0 : Math.max(1, (int) Math.ceil(desired * 0.25));
    boolean ready = !unready(deployment);
    while (currentCount < desired && currentCount + old.size() < desired + surge) {
      String name = deployment.getMetadata().getName() + "-" + hash + "-" + suffix();
      creating.add(name);
      client
          .pods()
          .inNamespace(namespace)
          .resource(PodObjects.create(deployment, hash, name, null, ready, clock.instant()))
          .create();
      currentCount++;
    }
    // maxUnavailable 0: an old pod goes only while the ready pods left still cover the replicas.
    long readyLeft = owned.stream().filter(PodObjects::isReady).count();
    for (Pod pod : PodObjects.scaleInVictims(old, old.size())) {
      boolean podReady = PodObjects.isReady(pod);
      if (!podReady || readyLeft - 1 >= desired) {
        delete(key, pod);
        readyLeft -= podReady ? 1 : 0;
      }
    }
    if (creating.isEmpty() && deleting.isEmpty()) {
      int readyCount = (int) owned.stream().filter(PodObjects::isReady).count();
      DeploymentStatusWriter.write(client, deployment, owned.size(), current.size(), readyCount);
    }
  }

  private void delete(String key, Pod pod) {
    deletions
        .computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
        .add(pod.getMetadata().getName());
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .delete();
  }

  /** The test hook: an image tag ending in {@code -unready}. */
  static boolean unready(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .anyMatch(c -> c.getImage() != null && c.getImage().endsWith(UNREADY_TAG_SUFFIX));
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 5);
  }

  private static String key(Deployment deployment) {
    return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
  }

  @Override
  public void close() {
    deployments.close();
    pods.close();
    worker.shutdownNow();
  }
}
