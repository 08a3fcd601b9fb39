package io.stevedore.operator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Plain HTTP watches (kubectl's; the mock server only has WebSocket ones), answered by long poll:
 * the events since the client's resourceVersion at once, or, when there are none, a BOOKMARK at the
 * newest version after {@link #IDLE}, upon which the client watches again from there. That is what
 * `kubectl wait` and `kubectl delete --wait` need; the delay is a timer, no thread waits.
 */
final class HttpWatch {
  static final Duration IDLE = Duration.ofMillis(250);
  private static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

  private final WatchJournal journal;

  HttpWatch(WatchJournal journal) {
    this.journal = journal;
  }

  /**
   * @param current the objects that exist now and the watch selects (a list with items), for a
   *     watch that starts without a resourceVersion or asks for the initial events
   */
  MockResponse answer(
      ApiRequest request,
      ApiResource resource,
      Predicate<JsonNode> selected,
      Supplier<JsonNode> current) {
    String since = request.param("resourceVersion");
    boolean initialEvents = "true".equals(request.param("sendInitialEvents"));
    boolean bookmarks = "true".equals(request.param("allowWatchBookmarks"));
    List<JsonNode> lines = new ArrayList<>();
    long version;
    if (since == null || since.isEmpty() || since.equals("0") || initialEvents) {
      JsonNode objects = current.get();
      objects.path("items").forEach(item -> lines.add(event("ADDED", item, request, resource)));
      version = objects.path("metadata").path("resourceVersion").asLong(0);
      if (initialEvents) {
        lines.add(bookmark(resource, version, true));
        // The client keeps reading this stream after the initial events; one more event tells
        // it the watch was not cut short when the long poll ends, so it watches on at once.
        lines.add(bookmark(resource, version, false));
      }
    } else {
      var page = journal.since(parse(since), selected);
      if (page.isEmpty()) {
        return response(List.of(expired(since)), false);
      }
      page.get().events().forEach(e -> lines.add(event(e.type(), e.object(), request, resource)));
      version = page.get().resourceVersion();
    }
    if (!lines.isEmpty()) {
      return response(lines, false);
    }
    if (bookmarks) {
      lines.add(bookmark(resource, version, false));
    }
    return response(lines, true);
  }

  private static JsonNode event(
      String type, JsonNode object, ApiRequest request, ApiResource resource) {
    JsonNode shown =
        request.wantsTable()
            ? TableConverter.toTable(
                object,
                resource,
                TableConverter.IncludeObject.of(request.param("includeObject")),
                Instant.now())
            : object;
    ObjectNode event = Json.object().put("type", type);
    event.set("object", shown);
    return event;
  }

  private static JsonNode bookmark(ApiResource resource, long version, boolean initialEventsEnd) {
    ObjectNode object =
        Json.object().put("kind", resource.kind()).put("apiVersion", resource.groupVersion());
    ObjectNode metadata =
        object.putObject("metadata").put("resourceVersion", String.valueOf(version));
    if (initialEventsEnd) {
      metadata.putObject("annotations").put(INITIAL_EVENTS_END, "true");
    }
    ObjectNode event = Json.object().put("type", "BOOKMARK");
    event.set("object", object);
    return event;
  }

  private static JsonNode expired(String since) {
    ObjectNode status =
        Json.object()
            .put("kind", "Status")
            .put("apiVersion", "v1")
            .put("status", "Failure")
            .put("message", "too old resource version: " + since)
            .put("reason", "Expired")
            .put("code", 410);
    ObjectNode event = Json.object().put("type", "ERROR");
    event.set("object", status);
    return event;
  }

  private static MockResponse response(List<JsonNode> lines, boolean idle) {
    StringBuilder body = new StringBuilder();
    lines.forEach(line -> body.append(Json.write(line)).append('\n'));
    if (body.isEmpty()) {
      // An empty body would be sent at once, without the delay that makes this a long poll.
      body.append('\n');
    }
    MockResponse response =
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "application/json")
            .setBody(body.toString());
    return idle ? response.setBodyDelay(IDLE) : response;
  }

  private static long parse(String resourceVersion) {
    try {
      return Long.parseLong(resourceVersion);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
