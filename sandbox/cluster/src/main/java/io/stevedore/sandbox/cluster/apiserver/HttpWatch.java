package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plain HTTP watches on the mock server's port (its own watches are WebSockets only), answered by
 * long poll: the events since the client's resourceVersion at once, or, when there are none, a
 * BOOKMARK at the newest version after {@link #IDLE}, upon which the client watches again from
 * there. Enough for `kubectl wait` and `delete --wait`; the delay is a timer, no thread waits.
 * {@link HttpFront} streams the same sessions instead.
 */
final class HttpWatch {
  static final Duration IDLE = Duration.ofMillis(250);

  private HttpWatch() {}

  static MockResponse answer(WatchSession session, Supplier<JsonNode> current) {
    List<JsonNode> lines = new ArrayList<>(session.start(current));
    if (!lines.isEmpty()) {
      return response(lines, false);
    }
    if (session.wantsBookmarks()) {
      lines.add(session.bookmark());
    }
    return response(lines, true);
  }

  /** Newline-delimited watch events, as the API server streams them. */
  static String lines(List<JsonNode> events) {
    StringBuilder body = new StringBuilder();
    events.forEach(event -> body.append(Json.write(event)).append('\n'));
    return body.toString();
  }

  private static MockResponse response(List<JsonNode> events, boolean idle) {
    String body = lines(events);
    MockResponse response =
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "application/json")
            // An empty body would be sent at once, without the delay that makes this a long poll.
            .setBody(body.isEmpty() ? "\n" : body);
    return idle ? response.setBodyDelay(IDLE) : response;
  }
}
