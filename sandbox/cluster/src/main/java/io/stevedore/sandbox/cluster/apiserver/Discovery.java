package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The discovery documents kubectl reads before anything else ({@code /api}, {@code /apis}, {@code
 * /apis/<group>}, {@code /api/v1}, {@code /apis/<group>/<version>}), built from a {@link
 * ResourceCatalog}. These are the unaggregated formats, which every kubectl understands.
 */
final class Discovery {
  private Discovery() {}

  /** The document at {@code path} (no query string), or empty when it is no discovery path. */
  static Optional<ObjectNode> document(String path, ResourceCatalog catalog, String serverAddress) {
    List<String> segments = List.of(path.replaceAll("^/+|/+$", "").split("/"));
    if (segments.equals(List.of("api"))) {
      return Optional.of(coreVersions(serverAddress));
    }
    if (segments.equals(List.of("apis"))) {
      return Optional.of(groupList(catalog));
    }
    if (segments.size() == 2 && segments.get(0).equals("api")) {
      return resourceList(catalog, "", segments.get(1));
    }
    if (segments.size() == 2 && segments.get(0).equals("apis")) {
      return group(catalog, segments.get(1));
    }
    if (segments.size() == 3 && segments.get(0).equals("apis")) {
      return resourceList(catalog, segments.get(1), segments.get(2));
    }
    return Optional.empty();
  }

  private static ObjectNode coreVersions(String serverAddress) {
    ObjectNode versions = Json.object().put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    versions
        .putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return versions;
  }

  private static ObjectNode groupList(ResourceCatalog catalog) {
    ObjectNode list = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    catalog.groups().forEach((name, versions) -> groups.add(groupNode(name, versions)));
    return list;
  }

  private static Optional<ObjectNode> group(ResourceCatalog catalog, String name) {
    List<String> versions = catalog.groups().get(name);
    if (versions == null) {
      return Optional.empty();
    }
    return Optional.of(groupNode(name, versions).put("kind", "APIGroup").put("apiVersion", "v1"));
  }

  private static ObjectNode groupNode(String name, List<String> versions) {
    ObjectNode group = Json.object().put("name", name);
    ArrayNode versionNodes = group.putArray("versions");
    for (String version : versions) {
      versionNodes.addObject().put("groupVersion", name + "/" + version).put("version", version);
    }
    group
        .putObject("preferredVersion")
        .put("groupVersion", name + "/" + versions.get(0))
        .put("version", versions.get(0));
    return group;
  }

  private static Optional<ObjectNode> resourceList(
      ResourceCatalog catalog, String group, String version) {
    List<ApiResource> resources = catalog.inGroupVersion(group, version);
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode list = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode nodes = list.putArray("resources");
    for (ApiResource resource : resources) {
      ObjectNode node = nodes.addObject();
      node.put("name", resource.plural())
          .put("singularName", resource.singular())
          .put("namespaced", resource.namespaced())
          .put("kind", resource.kind());
      resource.verbs().forEach(node.putArray("verbs")::add);
      if (!resource.shortNames().isEmpty()) {
        resource.shortNames().forEach(node.putArray("shortNames")::add);
      }
      if (!resource.categories().isEmpty()) {
        resource.categories().forEach(node.putArray("categories")::add);
      }
      for (String subresource : resource.subresources()) {
        ObjectNode sub = nodes.addObject();
        sub.put("name", resource.plural() + "/" + subresource)
            .put("singularName", "")
            .put("namespaced", resource.namespaced())
            .put("kind", subresource.equals("scale") ? "Scale" : resource.kind());
        List.of("get", "patch", "update").forEach(sub.putArray("verbs")::add);
        if (subresource.equals("scale")) {
          sub.put("group", "autoscaling").put("version", "v1");
        }
      }
    }
    return Optional.of(list);
  }
}
