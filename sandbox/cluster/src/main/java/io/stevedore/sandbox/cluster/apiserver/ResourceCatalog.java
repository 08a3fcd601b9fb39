package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every resource type the embedded API serves right now: the built-in kinds plus one entry per
 * served version of each installed CustomResourceDefinition. Pure: built from the CRDs' JSON.
 */
final class ResourceCatalog {
  private final List<ApiResource> resources;

  private ResourceCatalog(List<ApiResource> resources) {
    this.resources = List.copyOf(resources);
  }

  /** The built-ins and the CRDs in {@code crdList} (a list object with {@code items}). */
  static ResourceCatalog of(JsonNode crdList) {
    List<ApiResource> resources = new ArrayList<>(BuiltInResources.ALL_KINDS);
    for (JsonNode crd : crdList.path("items")) {
      resources.addAll(fromCrd(crd));
    }
    return new ResourceCatalog(resources);
  }

  List<ApiResource> all() {
    return resources;
  }

  Optional<ApiResource> find(String group, String version, String plural) {
    return resources.stream()
        .filter(r -> r.group().equals(group))
        .filter(r -> r.version().equals(version))
        .filter(r -> r.plural().equals(plural))
        .findFirst();
  }

  List<ApiResource> inGroupVersion(String group, String version) {
    return resources.stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version))
        .toList();
  }

  /** Named groups (not the core group) and their versions, preferred version first. */
  Map<String, List<String>> groups() {
    Map<String, Set<String>> groups = new LinkedHashMap<>();
    for (ApiResource resource : resources) {
      if (!resource.group().isEmpty()) {
        groups
            .computeIfAbsent(resource.group(), g -> new LinkedHashSet<>())
            .add(resource.version());
      }
    }
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    groups.forEach((group, versions) -> ordered.put(group, List.copyOf(versions)));
    return ordered;
  }

  private static List<ApiResource> fromCrd(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<ApiResource> versions = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(true)) {
        continue;
      }
      List<String> subresources = new ArrayList<>();
      version.path("subresources").fieldNames().forEachRemaining(subresources::add);
      List<JsonNode> columns = new ArrayList<>();
      version.path("additionalPrinterColumns").forEach(columns::add);
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      versions.add(
          new ApiResource(
              spec.path("group").asText(),
              version.path("name").asText(),
              names.path("kind").asText(),
              names.path("plural").asText(),
              names.path("singular").asText(names.path("kind").asText().toLowerCase()),
              !"Cluster".equals(spec.path("scope").asText()),
              texts(names.path("shortNames")),
              texts(names.path("categories")),
              ApiResource.ALL_VERBS,
              subresources,
              columns,
              schema.isMissingNode() ? Json.object().put("type", "object") : schema));
    }
    return versions;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
