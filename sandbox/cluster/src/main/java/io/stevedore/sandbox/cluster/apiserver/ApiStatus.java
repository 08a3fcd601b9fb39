package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/** Failures as the API server reports them: a {@code Status} object with a reason kubectl knows. */
final class ApiStatus {
  private ApiStatus() {}

  static MockResponse failure(int code, String reason, String message) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(Json.write(body(code, reason, message)));
  }

  static MockResponse notFound(ApiPath path) {
    var response =
        body(
            404,
            "NotFound",
            path.name() == null
                ? "the server could not find the requested resource"
                : "%s \"%s\" not found".formatted(path.qualifiedResource(), path.name()));
    ObjectNode details = response.putObject("details");
    if (path.name() != null) {
      details.put("name", path.name());
    }
    details.put("group", path.group()).put("kind", path.plural());
    return new MockResponse()
        .setResponseCode(404)
        .setHeader("Content-Type", "application/json")
        .setBody(Json.write(response));
  }

  /** The reason the API server gives for a status code, for responses that came without one. */
  static String reasonOf(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 410 -> "Expired";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      default -> code >= 500 ? "InternalError" : "Unknown";
    };
  }

  private static ObjectNode body(int code, String reason, String message) {
    ObjectNode status = Json.object();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    return status;
  }
}
