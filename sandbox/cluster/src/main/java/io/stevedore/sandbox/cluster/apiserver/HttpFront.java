package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded API's address for clients outside this process, such as kubectl: every request is
 * answered by the {@link ApiServerDispatcher}, and plain HTTP watches are streamed for as long as
 * the client asks (so `kubectl get -w` works), which the mock server's own port cannot do. That
 * port stays for the in-process Fabric8 client, whose watches are WebSockets.
 */
public final class HttpFront implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

  /** A real API server ends watches after 30 to 60 minutes; clients then watch again. */
  private static final Duration LONGEST_WATCH = Duration.ofMinutes(30);

  private static final Duration BOOKMARK_EVERY = Duration.ofSeconds(10);

  /** How often an idle stream sends a blank line: the only way to notice a client gone. */
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

  private final ApiServerDispatcher dispatcher;
  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "embedded-api-front");
            thread.setDaemon(true);
            return thread;
          });

  private HttpFront(ApiServerDispatcher dispatcher, int port) {
    this.dispatcher = dispatcher;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Listens on 127.0.0.1:{@code port} (0: any free port). */
  public static HttpFront start(ApiServerDispatcher dispatcher, int port) {
    return new HttpFront(dispatcher, port);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange exchange) {
    try {
      RecordedRequest request = recorded(exchange);
      var watch = dispatcher.streamedWatch(request);
      if (watch.isPresent()) {
        stream(exchange, watch.get());
      } else {
        respond(exchange, dispatcher.dispatch(request));
      }
    } catch (IOException e) {
      LOG.debug("Client went away: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn(
          "Embedded API front failed on {} {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private static void stream(HttpExchange exchange, ApiServerDispatcher.StreamedWatch watch)
      throws IOException, InterruptedException {
    WatchSession session = watch.session();
    List<JsonNode> first = session.start(watch.current());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    write(out, HttpWatch.lines(first));
    long deadline = System.nanoTime() + session.timeout(LONGEST_WATCH).toNanos();
    long lastBookmark = System.nanoTime();
    while (!session.expired() && System.nanoTime() < deadline) {
      long left = deadline - System.nanoTime();
      List<JsonNode> events = session.next(Duration.ofNanos(Math.min(left, KEEP_ALIVE.toNanos())));
      if (!events.isEmpty()) {
        write(out, HttpWatch.lines(events));
      } else if (session.wantsBookmarks()
          && System.nanoTime() - lastBookmark > BOOKMARK_EVERY.toNanos()) {
        write(out, HttpWatch.lines(List.of(session.bookmark())));
        lastBookmark = System.nanoTime();
      } else {
        write(out, "\n");
      }
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    if (!text.isEmpty()) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private static void respond(HttpExchange exchange, MockResponse response) throws IOException {
    response
        .getHeaders()
        .toMultimap()
        .forEach(
            (name, values) -> {
              // The front frames the body itself.
              if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
    exchange.sendResponseHeaders(response.code(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static RecordedRequest recorded(HttpExchange exchange) throws IOException {
    Headers.Builder headers = Headers.builder();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    return new RecordedRequest(
        "HTTP/1.1",
        HttpMethod.valueOf(exchange.getRequestMethod().toUpperCase(Locale.ROOT)),
        exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + exchange.getRequestURI().getRawQuery()),
        headers.build(),
        new Buffer(body));
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
