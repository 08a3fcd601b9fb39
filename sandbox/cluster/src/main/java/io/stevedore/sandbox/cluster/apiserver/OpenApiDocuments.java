package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAPI v3 as the API server publishes it: {@code /openapi/v3} lists one document per
 * group-version, each with the resource paths (their PATCH declares {@code fieldValidation}, so
 * kubectl leaves validation to the server) and, for custom resources, the CRD's schema, which is
 * what `kubectl explain` reads. Built-in kinds get paths but no schemas: kubectl then computes
 * their strategic merge patches from its own compiled-in types. Pure.
 */
final class OpenApiDocuments {
  static final String ROOT = "/openapi/v3";

  private OpenApiDocuments() {}

  /** The index of group-version documents, each URL carrying its content hash for caching. */
  static ObjectNode index(ResourceCatalog catalog) {
    ObjectNode paths = Json.object();
    for (String groupVersion : groupVersions(catalog)) {
      String relative = prefix(groupVersion);
      String hash = hash(document(catalog, groupVersion).orElseThrow());
      paths.putObject(relative).put("serverRelativeURL", ROOT + "/" + relative + "?hash=" + hash);
    }
    ObjectNode index = Json.object();
    index.set("paths", paths);
    return index;
  }

  /** The document for {@code path} under {@link #ROOT} ("apis/stevedore.io/v1alpha1", "api/v1"). */
  static Optional<ObjectNode> forPath(ResourceCatalog catalog, String relative) {
    String groupVersion =
        relative.startsWith("apis/") ? relative.substring(5) : relative.replaceFirst("^api/", "");
    return document(catalog, groupVersion);
  }

  private static Optional<ObjectNode> document(ResourceCatalog catalog, String groupVersion) {
    int slash = groupVersion.indexOf('/');
    String group = slash < 0 ? "" : groupVersion.substring(0, slash);
    String version = groupVersion.substring(slash + 1);
    var resources = catalog.inGroupVersion(group, version);
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode document = Json.object().put("openapi", "3.0.0");
    document
        .putObject("info")
        .put("title", "Kubernetes")
        .put("version", ApiServerDispatcher.GIT_VERSION);
    ObjectNode paths = document.putObject("paths");
    ObjectNode schemas = document.putObject("components").putObject("schemas");
    for (ApiResource resource : resources) {
      String base =
          "/" + prefix(groupVersion) + (resource.namespaced() ? "/namespaces/{namespace}/" : "/");
      ObjectNode item = paths.putObject(base + resource.plural() + "/{name}");
      item.set("get", operation(resource, "read"));
      item.set("put", operation(resource, "replace"));
      item.set("delete", operation(resource, "delete"));
      ObjectNode patch = operation(resource, "patch");
      ArrayNode parameters = patch.putArray("parameters");
      for (String parameter : new String[] {"dryRun", "fieldManager", "fieldValidation", "force"}) {
        parameters
            .addObject()
            .put("name", parameter)
            .put("in", "query")
            .putObject("schema")
            .put("type", "string");
      }
      item.set("patch", patch);
      if (resource.isCustom()) {
        schemas.set(schemaName(resource), schema(resource));
      }
    }
    return Optional.of(document);
  }

  private static ObjectNode operation(ApiResource resource, String action) {
    ObjectNode operation = Json.object().put("operationId", action + resource.kind());
    operation
        .putObject("x-kubernetes-group-version-kind")
        .put("group", resource.group())
        .put("version", resource.version())
        .put("kind", resource.kind());
    operation.putObject("responses").putObject("200").put("description", "OK");
    return operation;
  }

  /** The CRD's schema with the fields every object has, tagged with its group, version, kind. */
  private static ObjectNode schema(ApiResource resource) {
    ObjectNode schema = resource.schema().deepCopy();
    ObjectNode properties = schema.with("properties");
    properties
        .putObject("apiVersion")
        .put("type", "string")
        .put(
            "description",
            "APIVersion defines the versioned schema of this representation of an object.");
    properties
        .putObject("kind")
        .put("type", "string")
        .put(
            "description",
            "Kind is a string value representing the REST resource this object represents.");
    properties
        .putObject("metadata")
        .put("type", "object")
        .put(
            "description", "Standard object's metadata: name, namespace, labels, annotations, ...");
    schema
        .putArray("x-kubernetes-group-version-kind")
        .addObject()
        .put("group", resource.group())
        .put("version", resource.version())
        .put("kind", resource.kind());
    return schema;
  }

  /** "io.stevedore.v1alpha1.Environment": the reversed group, as the API server names them. */
  private static String schemaName(ApiResource resource) {
    List<String> parts = Arrays.asList(resource.group().split("\\."));
    Collections.reverse(parts);
    return String.join(".", parts) + "." + resource.version() + "." + resource.kind();
  }

  private static Set<String> groupVersions(ResourceCatalog catalog) {
    Set<String> groupVersions = new LinkedHashSet<>();
    catalog.all().forEach(resource -> groupVersions.add(resource.groupVersion()));
    return groupVersions;
  }

  private static String prefix(String groupVersion) {
    return groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
  }

  private static String hash(JsonNode document) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-512")
              .digest(Json.write(document).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
