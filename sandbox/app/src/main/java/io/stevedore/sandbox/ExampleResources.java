package io.stevedore.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The example resources in crds/examples, applied as `kubectl apply -k` would (create or update).
 */
public final class ExampleResources {
  private ExampleResources() {}

  /** The namespace the kustomization puts every example in. */
  public static String namespace() {
    return ShippedManifests.examplesNamespace();
  }

  /** Every example object, typed (Stevedore kinds as their classes), with its namespace set. */
  public static List<HasMetadata> load(KubernetesClient client) {
    return ShippedManifests.examples(client);
  }

  /** Creates each object, or updates it if it exists; returns what was applied. */
  public static List<HasMetadata> apply(KubernetesClient client) {
    return apply(client, UnaryOperator.identity());
  }

  /** As {@link #apply(KubernetesClient)}, after {@code adapt} has changed the objects. */
  public static List<HasMetadata> apply(
      KubernetesClient client, UnaryOperator<List<HasMetadata>> adapt) {
    List<HasMetadata> applied = new ArrayList<>();
    for (HasMetadata object : adapt.apply(load(client))) {
      applied.add(client.resource(object).createOr(NonDeletingOperation::update));
    }
    return applied;
  }
}
