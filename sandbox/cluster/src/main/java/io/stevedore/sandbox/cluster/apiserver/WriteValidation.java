package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the API server does with a write of a custom resource before storing it, whoever the client:
 * the object as it would be stored is checked against the CRD's structural schema (an invalid value
 * is a 422, so no client can store an object the operator's informers cannot read) and pruned of
 * fields the schema does not know; a client that asks with {@code fieldValidation} (kubectl always
 * does) gets a 400 for unknown fields under {@code Strict} and warnings under {@code Warn}.
 */
final class WriteValidation {
  /**
   * A rejection to answer with; or the pruned object to store instead of the request's, if it
   * differs, and warnings to attach to the answer.
   */
  record Outcome(
      Optional<MockResponse> rejection, Optional<JsonNode> pruned, List<String> warnings) {}

  private static final Outcome PASS = new Outcome(Optional.empty(), Optional.empty(), List.of());

  private WriteValidation() {}

  /**
   * @param current the stored object (only read for a PATCH)
   */
  static Outcome check(
      ApiRequest request,
      ApiPath path,
      ApiResource resource,
      Supplier<Optional<JsonNode>> current) {
    if (!resource.isCustom() || path.subresource() != null) {
      return PASS;
    }
    Optional<JsonNode> candidate = candidate(request, current);
    if (candidate.isEmpty() || !candidate.get().isObject()) {
      return PASS;
    }
    ObjectNode object = (ObjectNode) candidate.get().deepCopy();
    Set<String> unchecked = new HashSet<>(Set.of("apiVersion", "kind", "metadata"));
    if (resource.subresources().contains("status")) {
      unchecked.add("status");
    }
    var findings = SchemaValidator.validateAndPrune(object, resource.schema(), unchecked);
    String mode = request.param("fieldValidation");
    String name =
        object.path("metadata").path("name").asText(path.name() == null ? "" : path.name());
    if (!findings.invalid().isEmpty()) {
      return rejected(invalid(resource, name, findings.invalid()));
    }
    List<String> unknown =
        findings.unknownFields().stream().map("unknown field \"%s\""::formatted).toList();
    if (unknown.isEmpty()) {
      return PASS;
    }
    if ("Strict".equals(mode)) {
      return rejected(
          ApiStatus.failure(
              400,
              "BadRequest",
              "%s in version \"%s\" cannot be handled as a %s: strict decoding error: %s"
                  .formatted(
                      resource.kind(),
                      resource.version(),
                      resource.kind(),
                      String.join(", ", unknown))));
    }
    return new Outcome(
        Optional.empty(), Optional.of(object), "Warn".equals(mode) ? unknown : List.of());
  }

  private static Outcome rejected(MockResponse response) {
    return new Outcome(Optional.of(response), Optional.empty(), List.of());
  }

  private static Optional<JsonNode> candidate(
      ApiRequest request, Supplier<Optional<JsonNode>> current) {
    String body = request.body();
    if (body.isBlank()) {
      return Optional.empty();
    }
    JsonNode sent = Json.parse(body);
    if (!"PATCH".equals(request.method())) {
      return Optional.of(sent);
    }
    return current
        .get()
        .map(
            stored ->
                request.contentType().contains("json-patch")
                    ? jsonPatch(sent, stored)
                    : mergePatch(stored, sent));
  }

  private static JsonNode jsonPatch(JsonNode patch, JsonNode target) {
    try {
      return JsonPatch.apply(patch, target);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the JSON patch does not apply: " + e.getMessage(), e);
    }
  }

  /** RFC 7386 JSON merge patch. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
    patch
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isNull()) {
                result.remove(field.getKey());
              } else {
                result.set(
                    field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
              }
            });
    return result;
  }

  private static MockResponse invalid(ApiResource resource, String name, List<String> errors) {
    String subject = "%s.%s \"%s\" is invalid: ".formatted(resource.kind(), resource.group(), name);
    String message =
        subject + (errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
    ObjectNode status =
        (ObjectNode) Json.parse(ApiStatus.failure(422, "Invalid", message).getBody().readUtf8());
    ObjectNode details =
        status
            .putObject("details")
            .put("name", name)
            .put("group", resource.group())
            .put("kind", resource.kind());
    ArrayNode causes = details.putArray("causes");
    for (String error : errors) {
      int colon = error.indexOf(": ");
      causes
          .addObject()
          .put("reason", "FieldValueInvalid")
          .put("message", error.substring(colon + 2))
          .put("field", error.substring(0, colon));
    }
    return new MockResponse()
        .setResponseCode(422)
        .setHeader("Content-Type", "application/json")
        .setBody(Json.write(status));
  }
}
