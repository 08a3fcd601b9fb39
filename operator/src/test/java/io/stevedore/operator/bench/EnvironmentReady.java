package io.stevedore.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.status.Conditions;
import java.util.concurrent.TimeUnit;

/** Waits, from the watch, until an Environment is Ready: the platform the benchmark runs on. */
final class EnvironmentReady {
  private EnvironmentReady() {}

  static void await(KubernetesClient client, String namespace, String name) {
    client
        .resources(Environment.class)
        .inNamespace(namespace)
        .withName(name)
        .waitUntilCondition(
            e ->
                e != null
                    && e.getStatus() != null
                    && Conditions.isTrue(e.getStatus().getConditions(), Conditions.READY),
            60,
            TimeUnit.SECONDS);
  }
}
