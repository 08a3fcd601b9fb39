package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code /scale} subresource (`kubectl scale`): an {@code autoscaling/v1 Scale} view of an
 * object's replicas, and a change of {@code spec.replicas} back onto the object. Pure.
 */
final class ScaleSubresource {
  private ScaleSubresource() {}

  static ObjectNode view(JsonNode object) {
    ObjectNode scale = Json.object().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    JsonNode metadata = object.path("metadata");
    ObjectNode scaleMetadata = scale.putObject("metadata");
    for (String field :
        new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (metadata.has(field)) {
        scaleMetadata.set(field, metadata.get(field));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    JsonNode labels = object.path("spec").path("selector").path("matchLabels");
    if (labels.isObject() && !labels.isEmpty()) {
      StringBuilder selector = new StringBuilder();
      labels
          .fields()
          .forEachRemaining(
              e ->
                  selector
                      .append(selector.length() == 0 ? "" : ",")
                      .append(e.getKey())
                      .append('=')
                      .append(e.getValue().asText()));
      status.put("selector", selector.toString());
    }
    return scale;
  }

  /**
   * {@code object} with the replicas of {@code changedScale} (a Scale after the client's change).
   */
  static JsonNode applied(JsonNode object, JsonNode changedScale) {
    ObjectNode updated = object.deepCopy();
    updated.with("spec").put("replicas", changedScale.path("spec").path("replicas").asInt());
    return updated;
  }
}
