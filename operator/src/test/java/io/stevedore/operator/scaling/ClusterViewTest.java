package io.stevedore.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The autoscaler's reads over the controller's caches, with the caches held in memory. */
class ClusterViewTest {
  private final Deployment workers =
      new DeploymentBuilder()
          .withNewMetadata()
          .withNamespace("team-a")
          .withName("standard-workers")
          .endMetadata()
          .withNewSpec()
          .withNewSelector()
          .withMatchLabels(Map.of("app.kubernetes.io/instance", "standard-workers"))
          .endSelector()
          .endSpec()
          .build();

  private final ClusterView view =
      new ClusterView(
          new MemoryCache<WorkerPool>(List.of()),
          new MemoryCache<>(List.of(workers)),
          new MemoryCache<>(
              List.of(
                  pod("team-a", "standard-workers-1", "standard-workers", false),
                  pod("team-a", "standard-workers-2", "standard-workers", true),
                  pod("team-a", "bulk-workers-1", "bulk-workers", false),
                  pod("team-b", "standard-workers-1", "standard-workers", false))),
          new MemoryCache<>(List.of(quota("team-a", "pods"), quota("team-b", "pods"))));

  @Test
  void podsOfADeploymentAreThoseItsSelectorSelectsInItsNamespaceAndNotBeingDeleted() {
    assertThat(view.pods(workers))
        .extracting(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .containsExactly("team-a/standard-workers-1");
  }

  @Test
  void deploymentsAndQuotasAreFoundByNamespace() {
    assertThat(view.deployment("team-a", "standard-workers")).contains(workers);
    assertThat(view.deployment("team-b", "standard-workers")).isEmpty();
    assertThat(view.quotas("team-a"))
        .singleElement()
        .satisfies(q -> assertThat(q.getMetadata().getNamespace()).isEqualTo("team-a"));
  }

  private static Pod pod(String namespace, String name, String instance, boolean deleting) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(Map.of("app.kubernetes.io/instance", instance))
        .withDeletionTimestamp(deleting ? "2026-01-01T12:00:00Z" : null)
        .endMetadata()
        .build();
  }

  private static ResourceQuota quota(String namespace, String name) {
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .build();
  }

  /** A cache over a fixed list, as an informer's would hold it. */
  private record MemoryCache<T extends HasMetadata>(List<T> items) implements ResourceCache<T> {
    @Override
    public Optional<T> get(ResourceID id) {
      return items.stream().filter(r -> ResourceID.fromResource(r).equals(id)).findFirst();
    }

    @Override
    public Stream<ResourceID> keys() {
      return items.stream().map(ResourceID::fromResource);
    }

    @Override
    public Stream<T> list(Predicate<T> predicate) {
      return items.stream().filter(predicate);
    }

    @Override
    public Stream<T> list(String namespace, Predicate<T> predicate) {
      return list(r -> namespace.equals(r.getMetadata().getNamespace()) && predicate.test(r));
    }
  }
}
