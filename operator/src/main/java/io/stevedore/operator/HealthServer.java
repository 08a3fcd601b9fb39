package io.stevedore.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Serves /healthz (liveness) and /readyz (readiness) for the kubelet's probes, and /metrics in the
 * Prometheus text format.
 */
final class HealthServer {
  private final HttpServer server;

  HealthServer(StevedoreOperator operator, PrometheusMeterRegistry meters, int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on health port " + port, e);
    }
    server.createContext("/healthz", exchange -> answer(exchange, operator::isLive));
    server.createContext("/readyz", exchange -> answer(exchange, operator::isReady));
    server.createContext("/metrics", exchange -> metrics(exchange, meters));
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
  }

  private static void metrics(HttpExchange exchange, PrometheusMeterRegistry meters)
      throws IOException {
    byte[] body = meters.scrape().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void answer(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok = check.getAsBoolean();
    byte[] body = (ok ? "ok\n" : "unhealthy\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
