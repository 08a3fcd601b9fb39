package io.stevedore.operator.health;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the backlog age the autoscaler reports on each of an Environment's WorkerPools
 * (`status.scaling.oldestMessageAgeSeconds`), leniently: the pools are read untyped, so a field the
 * API classes do not know yet is still seen, and a pool without it is "not measured", never zero.
 */
final class WorkerBacklog {
  private final KubernetesClient client;

  WorkerBacklog(KubernetesClient client) {
    this.client = client;
  }

  HealthReading.Backlog read(Environment environment) {
    var pools =
        client
            .genericKubernetesResources(
                Environment.GROUP + "/" + Environment.VERSION, WorkerPool.class.getSimpleName())
            .inNamespace(environment.getMetadata().getNamespace())
            .list()
            .getItems();
    Map<String, Long> ages = new HashMap<>();
    List<String> unmeasured = new ArrayList<>();
    for (GenericKubernetesResource pool : pools) {
      if (!environment.getMetadata().getName().equals(field(pool, "spec", "environment"))) {
        continue;
      }
      Object tenants = field(pool, "status", "tenantCount");
      if (tenants instanceof Number n && n.intValue() == 0) {
        continue; // no queue to back up
      }
      Object age = field(pool, "status", "scaling", "oldestMessageAgeSeconds");
      if (age instanceof Number n) {
        ages.put(pool.getMetadata().getName(), n.longValue());
      } else {
        unmeasured.add(pool.getMetadata().getName());
      }
    }
    unmeasured.sort(null);
    return new HealthReading.Backlog(ages, unmeasured);
  }

  private static Object field(GenericKubernetesResource resource, String... path) {
    Object current = resource.getAdditionalProperties();
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }
}
