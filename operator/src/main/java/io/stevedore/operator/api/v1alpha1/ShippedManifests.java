package io.stevedore.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The committed crds/ directory as the operator's jar carries it: the CRD of every kind, and the
 * example resources of crds/examples read through their kustomization.yaml (namespace set,
 * Stevedore kinds typed), so that tests and the sandbox use exactly what users apply.
 */
public final class ShippedManifests {
  private static final String CRDS = "/crds/";
  private static final String EXAMPLES = CRDS + "examples/";

  private ShippedManifests() {}

  /** The CRD of every kind in {@link StevedoreKinds#ALL}, in that order. */
  public static List<CustomResourceDefinition> crds() {
    var serialization = new KubernetesSerialization();
    return StevedoreKinds.ALL.stream()
        .map(kind -> CRDS + HasMetadata.getFullResourceName(kind) + "-v1.yml")
        .map(file -> read(file, in -> serialization.unmarshal(in, CustomResourceDefinition.class)))
        .toList();
  }

  /** The namespace the examples' kustomization puts every example in. */
  public static String examplesNamespace() {
    return (String) kustomization().get("namespace");
  }

  /** Every example object, typed, with its namespace set; {@code client} only parses. */
  public static List<HasMetadata> examples(KubernetesClient client) {
    List<HasMetadata> objects = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<String> files = (List<String>) kustomization().get("resources");
    for (String file : files) {
      for (HasMetadata object : read(EXAMPLES + file, in -> client.load(in).items())) {
        object.getMetadata().setNamespace(examplesNamespace());
        objects.add(typed(client, object));
      }
    }
    return objects;
  }

  private static HasMetadata typed(KubernetesClient client, HasMetadata object) {
    if (object instanceof GenericKubernetesResource generic) {
      return StevedoreKinds.byKind(generic.getKind())
          .<HasMetadata>map(kind -> client.getKubernetesSerialization().convertValue(generic, kind))
          .orElse(object);
    }
    return object;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> kustomization() {
    return read(EXAMPLES + "kustomization.yaml", in -> Serialization.unmarshal(in, Map.class));
  }

  private interface Parser<T> {
    T parse(InputStream in) throws IOException;
  }

  private static <T> T read(String resource, Parser<T> parser) {
    try (InputStream in = ShippedManifests.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return parser.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
