package io.stevedore.operator.promotion;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.release.ReleaseClaim;
import java.util.HashMap;

/**
 * Reads and writes the target Environment for a promotion: fresh from the API server (a cached copy
 * could make the promotion's own update look like someone else's), written with optimistic locking
 * so a concurrent edit is never overwritten.
 */
final class EnvironmentReleases {
  private final KubernetesClient client;

  EnvironmentReleases(KubernetesClient client) {
    this.client = client;
  }

  /** The Environment as the API server has it now, or null if it does not exist. */
  Environment get(String namespace, String name) {
    return client.resources(Environment.class).inNamespace(namespace).withName(name).get();
  }

  /**
   * Sets {@code release} on {@code environment} (as just read) with the claim naming the promotion,
   * in one update; a conflict fails the reconciliation, which is retried with a fresh read.
   */
  Environment set(Environment environment, Release release, ReleaseClaim claim) {
    environment.getSpec().setRelease(new Release(release.getVersion(), release.getImage()));
    var annotations =
        environment.getMetadata().getAnnotations() == null
            ? new HashMap<String, String>()
            : new HashMap<>(environment.getMetadata().getAnnotations());
    annotations.put(ReleaseClaim.ANNOTATION, claim.value());
    environment.getMetadata().setAnnotations(annotations);
    return client.resource(environment).update();
  }
}
