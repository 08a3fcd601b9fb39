package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch, which kubectl sends for built-in kinds (apply, patch, edit), without the
 * Go types' per-field tags: a JSON merge patch, except that lists of objects that all carry a merge
 * key ({@code name}, or {@code mountPath}, {@code containerPort}, ...) are merged item by item, and
 * the {@code $patch}, {@code $retainKeys}, {@code $deleteFromPrimitiveList} and {@code
 * $setElementOrder} directives are honoured. Pure.
 */
final class StrategicMergePatch {
  private static final List<String> MERGE_KEYS =
      List.of("name", "mountPath", "containerPort", "devicePath", "ip", "type", "port");
  private static final String DELETE_FROM = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  /** {@code target} with {@code patch} applied; neither argument is changed. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    return merge(target == null ? null : target.deepCopy(), patch);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    if ("replace".equals(patch.path("$patch").asText())) {
      ObjectNode replaced = patch.deepCopy();
      replaced.remove("$patch");
      return replaced;
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : Json.object();
    if (patch.has("$retainKeys")) {
      Set<String> retain = new HashSet<>();
      patch.get("$retainKeys").forEach(key -> retain.add(key.asText()));
      List<String> dropped = new ArrayList<>();
      result.fieldNames().forEachRemaining(name -> dropped.add(name));
      dropped.stream().filter(name -> !retain.contains(name)).forEach(result::remove);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      var entry = it.next();
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (key.startsWith(DELETE_FROM)) {
        deleteFromPrimitiveList(result, key.substring(DELETE_FROM.length()), value);
      } else if (key.startsWith("$")) {
        continue;
      } else if (value.isNull()) {
        result.remove(key);
      } else if (value.isArray()) {
        result.set(key, mergeList(result.get(key), (ArrayNode) value));
      } else {
        result.set(key, merge(result.get(key), value));
      }
    }
    return result;
  }

  private static JsonNode mergeList(JsonNode target, ArrayNode patch) {
    String mergeKey = mergeKey(patch);
    if (mergeKey == null || target == null || !target.isArray()) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      for (JsonNode item : patch) {
        if (!"delete".equals(item.path("$patch").asText())) {
          copy.add(item.deepCopy());
        }
      }
      return copy;
    }
    List<JsonNode> merged = new ArrayList<>();
    target.forEach(merged::add);
    for (JsonNode item : patch) {
      String key = item.path(mergeKey).asText();
      int at = indexOf(merged, mergeKey, key);
      if ("delete".equals(item.path("$patch").asText())) {
        if (at >= 0) {
          merged.remove(at);
        }
      } else if (at >= 0) {
        merged.set(at, merge(merged.get(at), item));
      } else {
        merged.add(merge(null, item));
      }
    }
    ArrayNode result = Json.MAPPER.createArrayNode();
    merged.forEach(result::add);
    return result;
  }

  /** The key every item of a list of objects has, or null for lists merged by replacement. */
  private static String mergeKey(ArrayNode patch) {
    if (patch.isEmpty() || !patch.get(0).isObject()) {
      return null;
    }
    for (String key : MERGE_KEYS) {
      boolean everyItem = true;
      for (JsonNode item : patch) {
        everyItem &= item.isObject() && item.has(key);
      }
      if (everyItem) {
        return key;
      }
    }
    return null;
  }

  private static int indexOf(List<JsonNode> items, String mergeKey, String key) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).path(mergeKey).asText().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static void deleteFromPrimitiveList(ObjectNode result, String field, JsonNode values) {
    if (!(result.get(field) instanceof ArrayNode list)) {
      return;
    }
    Set<String> remove = new HashSet<>();
    values.forEach(value -> remove.add(value.asText()));
    for (int i = list.size() - 1; i >= 0; i--) {
      if (remove.contains(list.get(i).asText())) {
        list.remove(i);
      }
    }
  }
}
