package io.stevedore.sandbox.cluster.apiserver;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A resource path of the Kubernetes API taken apart: {@code
 * /apis/<group>/<version>[/namespaces/<ns>]/<plural>[/<name>[/<subresource>]]} ({@code /api/v1/...}
 * for the core group, whose name is "").
 */
record ApiPath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource) {

  /** The path's parts, or empty when it names no resource (discovery, OpenAPI, version, ...). */
  static Optional<ApiPath> parse(String path) {
    List<String> segments =
        Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    int versionAt;
    String group;
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      group = "";
      versionAt = 1;
    } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      versionAt = 2;
    } else {
      return Optional.empty();
    }
    String version = segments.get(versionAt);
    List<String> rest = segments.subList(versionAt + 1, segments.size());
    String namespace = null;
    if (rest.size() >= 3 && rest.get(0).equals("namespaces") && !isNamespaceSubresource(rest)) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty() || rest.size() > 3) {
      return Optional.empty();
    }
    return Optional.of(
        new ApiPath(
            group,
            version,
            namespace,
            rest.get(0),
            rest.size() > 1 ? rest.get(1) : null,
            rest.size() > 2 ? rest.get(2) : null));
  }

  /** {@code /api/v1/namespaces/<name>/status} is the Namespace's subresource, not a kind. */
  private static boolean isNamespaceSubresource(List<String> rest) {
    return rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize"));
  }

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** "environments.stevedore.io", "configmaps": how API errors name a resource type. */
  String qualifiedResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  boolean isList() {
    return name == null;
  }
}
