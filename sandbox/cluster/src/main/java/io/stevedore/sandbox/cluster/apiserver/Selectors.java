package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Label and field selectors evaluated on objects, with the API server's full grammar (the mock
 * server knows only equality label selectors and {@code metadata.name}): labels {@code a=b}, {@code
 * a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}; fields {@code path=value},
 * {@code path!=value} on any dotted path, such as {@code involvedObject.name}.
 */
final class Selectors {
  private static final Pattern SET =
      Pattern.compile("\\s*([^\\s!=,()]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALITY =
      Pattern.compile("\\s*([^\\s!=,()]+)\\s*(==|=|!=)\\s*([^\\s,()]*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)([^\\s!=,()]+)\\s*");

  private Selectors() {}

  /** True for every object when {@code selector} is null or blank. */
  static Predicate<JsonNode> labels(String selector) {
    List<Predicate<JsonNode>> requirements = new ArrayList<>();
    for (String requirement : split(selector)) {
      requirements.add(labelRequirement(requirement));
    }
    return object ->
        requirements.stream().allMatch(r -> r.test(object.path("metadata").path("labels")));
  }

  static Predicate<JsonNode> fields(String selector) {
    List<Predicate<JsonNode>> requirements = new ArrayList<>();
    for (String requirement : split(selector)) {
      Matcher equality = EQUALITY.matcher(requirement);
      if (!equality.matches()) {
        throw new IllegalArgumentException("invalid field selector requirement: " + requirement);
      }
      String path = equality.group(1);
      boolean equal = !equality.group(2).equals("!=");
      String value = equality.group(3);
      requirements.add(object -> fieldValue(object, path).equals(value) == equal);
    }
    return object -> requirements.stream().allMatch(r -> r.test(object));
  }

  private static Predicate<JsonNode> labelRequirement(String requirement) {
    Matcher set = SET.matcher(requirement);
    if (set.matches()) {
      String key = set.group(1);
      Set<String> values = Set.copyOf(List.of(set.group(3).trim().split("\\s*,\\s*")));
      boolean in = set.group(2).equals("in");
      return labels -> labels.has(key) ? values.contains(labels.get(key).asText()) == in : !in;
    }
    Matcher equality = EQUALITY.matcher(requirement);
    if (equality.matches()) {
      String key = equality.group(1);
      String value = equality.group(3);
      boolean equal = !equality.group(2).equals("!=");
      return labels -> (labels.has(key) && labels.get(key).asText().equals(value)) == equal;
    }
    Matcher exists = EXISTS.matcher(requirement);
    if (exists.matches()) {
      String key = exists.group(2);
      boolean present = exists.group(1).isEmpty();
      return labels -> labels.has(key) == present;
    }
    throw new IllegalArgumentException("invalid label selector requirement: " + requirement);
  }

  /** A field's value as a selector compares it: missing fields are "". */
  private static String fieldValue(JsonNode object, String path) {
    JsonNode value = Json.at(object, path);
    return value.isValueNode() ? value.asText() : "";
  }

  /** Requirements separated by commas that are not inside a set's parentheses. */
  private static List<String> split(String selector) {
    List<String> parts = new ArrayList<>();
    if (selector == null || selector.isBlank()) {
      return parts;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return parts.stream().filter(p -> !p.isBlank()).toList();
  }

  /** What a watch or list of {@code path} selects: its kind, namespace, name and selectors. */
  static Predicate<JsonNode> selection(ApiRequest request, ApiPath path, ApiResource resource) {
    Predicate<JsonNode> labels = labels(request.param("labelSelector"));
    Predicate<JsonNode> fields = fields(request.param("fieldSelector"));
    return object -> {
      JsonNode metadata = object.path("metadata");
      String apiVersion = object.path("apiVersion").asText();
      String group =
          apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
      return object.path("kind").asText().equals(resource.kind())
          && group.equals(resource.group())
          && (path.namespace() == null
              || path.namespace().equals(metadata.path("namespace").asText()))
          && (path.name() == null || path.name().equals(metadata.path("name").asText()))
          && labels.test(object)
          && fields.test(object);
    };
  }

  /** The list with only the selected items, named as the API server names lists. */
  static JsonNode filtered(JsonNode list, Predicate<JsonNode> selected, ApiResource resource) {
    ObjectNode result = Json.object();
    result.put("kind", resource.kind() + "List").put("apiVersion", resource.groupVersion());
    result.set("metadata", list.path("metadata"));
    ArrayNode items = result.putArray("items");
    list.path("items")
        .forEach(
            item -> {
              if (selected.test(item)) {
                items.add(item);
              }
            });
    return result;
  }
}
