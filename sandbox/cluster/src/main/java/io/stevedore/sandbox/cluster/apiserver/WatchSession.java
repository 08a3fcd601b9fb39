package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One plain HTTP watch: the events it starts with (the objects that exist, for a watch without a
 * resourceVersion or asking for initial events; otherwise what happened since its version), then
 * the changes after the last version it was sent. Answered as a long poll by {@link HttpWatch} and
 * as a stream by {@link HttpFront}.
 */
final class WatchSession {
  private static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

  private final ApiRequest request;
  private final ApiResource resource;
  private final Predicate<JsonNode> selected;
  private final WatchJournal journal;
  private long version;
  private boolean expired;

  WatchSession(
      ApiRequest request,
      ApiResource resource,
      Predicate<JsonNode> selected,
      WatchJournal journal) {
    this.request = request;
    this.resource = resource;
    this.selected = selected;
    this.journal = journal;
  }

  /** The first events to send; {@code current} lists the selected objects that exist now. */
  List<JsonNode> start(Supplier<JsonNode> current) {
    String since = request.param("resourceVersion");
    boolean initialEvents = "true".equals(request.param("sendInitialEvents"));
    if (since == null || since.isEmpty() || since.equals("0") || initialEvents) {
      JsonNode objects = current.get();
      List<JsonNode> lines = new ArrayList<>();
      objects.path("items").forEach(item -> lines.add(event("ADDED", item)));
      version = objects.path("metadata").path("resourceVersion").asLong(0);
      if (initialEvents) {
        lines.add(bookmark(true));
        // A long poll ends after this; one more event tells the client the watch was not cut
        // short, so it watches on at once instead of backing off.
        lines.add(bookmark(false));
      }
      return lines;
    }
    version = parse(since);
    return changes(journal.since(version, selected));
  }

  /** The changes after the last version sent, waiting up to {@code wait} for one; may be empty. */
  List<JsonNode> next(Duration wait) throws InterruptedException {
    return changes(journal.awaitSince(version, selected, wait));
  }

  /** True once the client's version is older than the journal's history: it must relist. */
  boolean expired() {
    return expired;
  }

  boolean wantsBookmarks() {
    return "true".equals(request.param("allowWatchBookmarks"));
  }

  /** How long the client asked the watch to last, at most {@code limit}. */
  Duration timeout(Duration limit) {
    try {
      String seconds = request.param("timeoutSeconds");
      return seconds == null ? limit : min(Duration.ofSeconds(Long.parseLong(seconds)), limit);
    } catch (NumberFormatException e) {
      return limit;
    }
  }

  JsonNode bookmark() {
    return bookmark(false);
  }

  private List<JsonNode> changes(Optional<WatchJournal.Page> page) {
    List<JsonNode> lines = new ArrayList<>();
    if (page.isEmpty()) {
      expired = true;
      lines.add(expiredEvent());
      return lines;
    }
    page.get().events().forEach(e -> lines.add(event(e.type(), e.object())));
    version = page.get().resourceVersion();
    return lines;
  }

  private JsonNode event(String type, JsonNode object) {
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

  private JsonNode bookmark(boolean initialEventsEnd) {
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

  private JsonNode expiredEvent() {
    ObjectNode status =
        Json.object()
            .put("kind", "Status")
            .put("apiVersion", "v1")
            .put("status", "Failure")
            .put("message", "too old resource version: " + version)
            .put("reason", "Expired")
            .put("code", 410);
    ObjectNode event = Json.object().put("type", "ERROR");
    event.set("object", status);
    return event;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long parse(String resourceVersion) {
    try {
      return Long.parseLong(resourceVersion);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
