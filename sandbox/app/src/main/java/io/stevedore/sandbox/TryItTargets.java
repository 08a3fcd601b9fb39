package io.stevedore.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.platform.TenantCredentials;
import io.stevedore.operator.status.Conditions;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** What the "Try it" block needs, read from the sandbox's cluster and kubelet. */
final class TryItTargets {
  private TryItTargets() {}

  /**
   * For each Environment of {@code namespace} with an ingest pod running: its first Ready tenant
   * (by name) whose Secret holds an API key. Environments without one yet are left out.
   */
  static List<TryIt.Target> find(KubernetesClient client, String namespace, LocalKubelet kubelet) {
    List<TryIt.Target> targets = new ArrayList<>();
    var environments = client.resources(Environment.class).inNamespace(namespace).list().getItems();
    var tenants = client.resources(Tenant.class).inNamespace(namespace).list().getItems();
    for (Environment environment :
        environments.stream()
            .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
            .toList()) {
      String name = environment.getMetadata().getName();
      List<Integer> ports = kubelet.httpPorts(namespace, PlatformNames.ingest(name));
      if (ports.isEmpty()) {
        continue;
      }
      tenants.stream()
          .filter(t -> t.getSpec() != null && name.equals(t.getSpec().getEnvironment()))
          .filter(
              t ->
                  t.getStatus() != null
                      && Conditions.isTrue(t.getStatus().getConditions(), Conditions.READY))
          .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
          .flatMap(
              t -> apiKey(client, t).map(key -> target(environment, t, ports.get(0), key)).stream())
          .findFirst()
          .ifPresent(targets::add);
    }
    return targets;
  }

  private static Optional<String> apiKey(KubernetesClient client, Tenant tenant) {
    var secret =
        client
            .secrets()
            .inNamespace(tenant.getMetadata().getNamespace())
            .withName(PlatformNames.tenantSecret(tenant.getMetadata().getName()))
            .get();
    return secret == null
        ? Optional.empty()
        : TenantCredentials.read(secret).map(TenantCredentials::apiKey);
  }

  private static TryIt.Target target(
      Environment environment, Tenant tenant, int port, String apiKey) {
    return new TryIt.Target(
        environment.getMetadata().getName(),
        String.valueOf(environment.getSpec().getBroker().getType()),
        tenant.getMetadata().getName(),
        TryIt.local(port),
        apiKey);
  }
}
