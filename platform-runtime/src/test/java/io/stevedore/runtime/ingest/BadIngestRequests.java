package io.stevedore.runtime.ingest;

import static io.stevedore.runtime.ingest.IngestClient.body;
import static io.stevedore.runtime.ingest.IngestClient.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The table of bad POST /v1/events requests and the problem each must be answered with. */
final class BadIngestRequests {
  static final String PROBLEMS = "https://stevedore.io/problems/";

  /** Stands for the calling tenant's valid API key, known only once the test runs. */
  static final String TENANT_KEY = "<the tenant's key>";

  /** A rejected request: key, content type and body, and the expected problem. */
  record BadRequest(
      String name,
      String key,
      String contentType,
      byte[] body,
      boolean chunked,
      int status,
      String type,
      List<String> pointers) {

    @Override
    public String toString() {
      return name;
    }
  }

  private BadIngestRequests() {}

  static Stream<BadRequest> all() {
    String valid = body(events("d1", 1));
    Map<String, Object> event = events("d1", 1).get(0);
    return Stream.of(
        problem("malformed JSON", "{\"events\":[{\"deviceId\":\"d1\",]}", 400, "malformed-request"),
        problem("empty body", "", 400, "malformed-request"),
        problem("trailing garbage", valid + " {}", 400, "malformed-request"),
        tooLarge("oversized body", false),
        tooLarge("oversized chunked body", true),
        invalid(
            "missing fields",
            "{\"events\":[{\"deviceId\":\"d1\",\"eventId\":\"e1\"}]}",
            "/events/0/timestamp",
            "/events/0/type"),
        invalid(
            "timestamp too old", valid.replaceAll("\"20\\d\\d-", "\"2001-"), "/events/0/timestamp"),
        invalid(
            "timestamp not a date",
            valid.replaceAll("\"20\\d\\d-[^\"]*\"", "\"today\""),
            "/events/0/timestamp"),
        invalid("too many events", body(events("d1", 501)), "/events"),
        invalid("no events", "{\"events\":[]}", "/events"),
        invalid("not an object", "[]", ""),
        invalid("duplicate eventId", body(List.of(event, event)), "/events/1/eventId"),
        invalid(
            "payload not an object",
            valid.replaceAll("\"payload\":\\{[^}]*}", "\"payload\":7"),
            "/events/0/payload"),
        request("wrong content type", TENANT_KEY, "text/plain", valid, 415, "about:blank"),
        request("no content type", TENANT_KEY, null, valid, 415, "about:blank"),
        request(
            "wrong key", "stv_wrong", "application/json", valid, 401, PROBLEMS + "unauthorized"),
        request("no key", null, "application/json", valid, 401, PROBLEMS + "unauthorized"));
  }

  private static BadRequest problem(String name, String body, int status, String type) {
    return request(name, TENANT_KEY, "application/json", body, status, PROBLEMS + type);
  }

  private static BadRequest invalid(String name, String body, String... pointers) {
    return new BadRequest(
        name,
        TENANT_KEY,
        "application/json",
        bytes(body),
        false,
        422,
        PROBLEMS + "invalid-events",
        List.of(pointers));
  }

  private static BadRequest tooLarge(String name, boolean chunked) {
    String body = "{\"events\":[" + " ".repeat(1024 * 1024) + "]}";
    return new BadRequest(
        name,
        TENANT_KEY,
        "application/json",
        bytes(body),
        chunked,
        413,
        PROBLEMS + "request-too-large",
        List.of());
  }

  private static BadRequest request(
      String name, String key, String contentType, String body, int status, String type) {
    return new BadRequest(name, key, contentType, bytes(body), false, status, type, List.of());
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
