package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Locale;

/**
 * One resource type the embedded API serves, as discovery describes it; for a custom resource also
 * its printer columns and schema from the CRD.
 *
 * @param printerColumns the CRD version's {@code additionalPrinterColumns} (empty for built-ins)
 * @param schema the CRD version's {@code openAPIV3Schema}, or a missing node
 */
record ApiResource(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs,
    List<String> subresources,
    List<JsonNode> printerColumns,
    JsonNode schema) {

  static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** A built-in kind with every verb and no printer columns or schema of its own. */
  static ApiResource builtIn(
      String groupVersion,
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      List<String> subresources) {
    int slash = groupVersion.indexOf('/');
    return new ApiResource(
        slash < 0 ? "" : groupVersion.substring(0, slash),
        groupVersion.substring(slash + 1),
        kind,
        plural,
        kind.toLowerCase(Locale.ROOT),
        namespaced,
        shortNames,
        List.of(),
        ALL_VERBS,
        subresources,
        List.of(),
        MissingNode.getInstance());
  }

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  boolean isCustom() {
    return !schema.isMissingNode();
  }

  ApiResource withVerbs(List<String> newVerbs) {
    return with(categories, newVerbs);
  }

  ApiResource withCategories(List<String> newCategories) {
    return with(newCategories, verbs);
  }

  private ApiResource with(List<String> newCategories, List<String> newVerbs) {
    return new ApiResource(
        group,
        version,
        kind,
        plural,
        singular,
        namespaced,
        shortNames,
        newCategories,
        newVerbs,
        subresources,
        printerColumns,
        schema);
  }
}
