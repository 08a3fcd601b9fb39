package io.stevedore.sandbox.cluster.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A request to the embedded API: its path without the query string, and the query decoded. */
record ApiRequest(String method, String path, Map<String, String> query, RecordedRequest raw) {

  static ApiRequest of(RecordedRequest raw) {
    String target = raw.getPath();
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    Map<String, String> query = new HashMap<>();
    if (question >= 0) {
      for (String pair : target.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String key = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        query.put(decode(key), decode(value));
      }
    }
    return new ApiRequest(raw.getMethod(), path, Map.copyOf(query), raw);
  }

  Optional<ApiPath> resourcePath() {
    return ApiPath.parse(path);
  }

  String param(String name) {
    return query.get(name);
  }

  String header(String name) {
    String value = raw.getHeader(name);
    return value == null ? "" : value;
  }

  boolean isWatch() {
    return "GET".equals(method) && ("true".equals(param("watch")) || "1".equals(param("watch")));
  }

  /**
   * kubectl's watches are plain HTTP; the Fabric8 client's are WebSockets, which the mock serves.
   */
  boolean isWebSocketUpgrade() {
    return header("Upgrade").equalsIgnoreCase("websocket");
  }

  boolean wantsTable() {
    return header("Accept").contains("as=Table");
  }

  /** The body as text, leaving it in place for the store to read. */
  String body() {
    return raw.getBody() == null
        ? ""
        : new String(raw.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  String contentType() {
    return header("Content-Type");
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
