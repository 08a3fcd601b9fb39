package io.stevedore.operator.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.stevedore.operator.api.v1alpha1.StevedoreKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The example resources in crds/examples, read through their kustomization.yaml and applied as
 * `kubectl apply -k` would (namespace set, create or update).
 */
public final class ExampleResources {
  private static final String ROOT = "/crds/examples/";

  private ExampleResources() {}

  /** The namespace the kustomization puts every example in. */
  public static String namespace() {
    return (String) kustomization().get("namespace");
  }

  /** Every example object, typed (Stevedore kinds as their classes), with its namespace set. */
  public static List<HasMetadata> load(KubernetesClient client) {
    List<HasMetadata> objects = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<String> files = (List<String>) kustomization().get("resources");
    for (String file : files) {
      for (HasMetadata object : client.load(open(file)).items()) {
        object.getMetadata().setNamespace(namespace());
        objects.add(typed(client, object));
      }
    }
    return objects;
  }

  /** Creates each object, or updates it if it exists; returns what was applied. */
  public static List<HasMetadata> apply(KubernetesClient client) {
    return apply(client, load(client));
  }

  /** Applies {@code objects} (as {@link #load} gave them, maybe changed) in their order. */
  public static List<HasMetadata> apply(KubernetesClient client, List<HasMetadata> objects) {
    List<HasMetadata> applied = new ArrayList<>();
    for (HasMetadata object : objects) {
      applied.add(client.resource(object).createOr(NonDeletingOperation::update));
    }
    return applied;
  }

  private static HasMetadata typed(KubernetesClient client, HasMetadata object) {
    if (object instanceof GenericKubernetesResource generic) {
      return StevedoreKinds.byKind(generic.getKind())
          .<HasMetadata>map(kind -> client.getKubernetesSerialization().convertValue(generic, kind))
          .orElse(object);
    }
    return object;
  }

  private static Map<String, Object> kustomization() {
    try (InputStream in = open("kustomization.yaml")) {
      return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String file) {
    InputStream in = ExampleResources.class.getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new IllegalStateException("Example " + ROOT + file + " is not on the classpath");
    }
    return in;
  }
}
