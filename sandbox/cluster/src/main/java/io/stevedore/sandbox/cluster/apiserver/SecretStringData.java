package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What the API server does with a Secret's write-only {@code stringData}: merged into {@code data}
 * (base64), never stored. Pure.
 */
final class SecretStringData {
  private SecretStringData() {}

  static JsonNode normalized(JsonNode secret) {
    JsonNode stringData = secret.path("stringData");
    if (!stringData.isObject()) {
      return secret;
    }
    ObjectNode result = secret.deepCopy();
    ObjectNode data = result.with("data");
    stringData
        .fields()
        .forEachRemaining(
            entry ->
                data.put(
                    entry.getKey(),
                    Base64.getEncoder()
                        .encodeToString(
                            entry.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    result.remove("stringData");
    return result;
  }
}
