package io.stevedore.runtime.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: speaks to a running ingest over HTTP the way device agents do. */
final class IngestClient {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;

  IngestClient(ConfigurableApplicationContext context) {
    this.base =
        "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
  }

  /** A request: what goes in the headers (null leaves a header out) and the body. */
  record Post(String apiKey, String contentType, byte[] body, boolean chunked) {
    Post(String apiKey, String body) {
      this(apiKey, "application/json", body.getBytes(StandardCharsets.UTF_8), false);
    }
  }

  HttpResponse<String> post(Post post) {
    var publisher =
        post.chunked()
            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(post.body()))
            : HttpRequest.BodyPublishers.ofByteArray(post.body());
    var request = HttpRequest.newBuilder(URI.create(base + "/v1/events")).POST(publisher);
    if (post.apiKey() != null) {
      request.header("Authorization", "Bearer " + post.apiKey());
    }
    if (post.contentType() != null) {
      request.header("Content-Type", post.contentType());
    }
    return send(request);
  }

  HttpResponse<String> postEvents(String apiKey, List<Map<String, Object>> events) {
    return post(new Post(apiKey, body(events)));
  }

  /** A POST to any path with exactly these headers. */
  HttpResponse<String> post(String path, Map<String, String> headers, String body) {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  HttpResponse<String> get(String path, Map<String, String> headers) {
    var request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    headers.forEach(request::header);
    return send(request);
  }

  /** {@code count} valid events of device {@code deviceId}, a minute old. */
  static List<Map<String, Object>> events(String deviceId, int count) {
    Instant timestamp = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("deviceId", deviceId);
      event.put("eventId", "event-" + i);
      event.put("timestamp", timestamp.toString());
      event.put("type", "temperature");
      event.put("payload", Map.of("celsius", 20 + i, "room", "lab"));
      events.add(event);
    }
    return events;
  }

  static String body(List<Map<String, Object>> events) {
    return JsonMapper.shared().writeValueAsString(Map.of("events", events));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
