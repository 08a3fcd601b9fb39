package io.stevedore.operator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.operator.api.RepositoryPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Every CRD in crds/, as the list the API server returns: what the catalog is built from. */
final class InstalledCrds {
  private InstalledCrds() {}

  static JsonNode list() {
    ObjectNode list = Json.object().put("kind", "List").put("apiVersion", "v1");
    var items = list.putArray("items");
    try (Stream<Path> files = Files.list(RepositoryPaths.root().resolve("crds"))) {
      files
          .filter(f -> f.toString().endsWith(".yml"))
          .sorted()
          .forEach(
              f -> items.add(Json.MAPPER.valueToTree(Serialization.unmarshal(read(f), Map.class))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return list;
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
