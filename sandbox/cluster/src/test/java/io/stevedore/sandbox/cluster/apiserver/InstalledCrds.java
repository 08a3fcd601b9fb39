package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every CRD in the repository's crds/ (copied to the test classpath by the build), as the list the
 * API server returns: what the catalog is built from.
 */
public final class InstalledCrds {
  private InstalledCrds() {}

  static JsonNode list() {
    ObjectNode list = Json.object().put("kind", "List").put("apiVersion", "v1");
    var items = list.putArray("items");
    files()
        .forEach(
            f -> items.add(Json.MAPPER.valueToTree(Serialization.unmarshal(read(f), Map.class))));
    return list;
  }

  /** The same CRDs as objects, to install into an embedded API. */
  public static List<CustomResourceDefinition> objects() {
    return files().stream()
        .map(f -> Serialization.unmarshal(read(f), CustomResourceDefinition.class))
        .toList();
  }

  private static List<Path> files() {
    try (Stream<Path> files =
        Files.list(Path.of(InstalledCrds.class.getResource("/crds").toURI()))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static ResourceCatalog catalog() {
    return ResourceCatalog.of(list());
  }

  static ApiResource stevedore(String plural) {
    return catalog().find("stevedore.io", "v1alpha1", plural).orElseThrow();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
