package io.stevedore.operator.health;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stevedore.operator.kube.PodAddresses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ingest pod's management port as far as its metrics go: `/actuator/prometheus` written by
 * Micrometer's Prometheus registry from counters named and tagged as the runtime's IngestMetrics
 * does, so the operator parses exactly what it will see.
 */
public final class MicrometerIngestMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpServer server;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public MicrometerIngestMetrics() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/actuator/prometheus",
        exchange -> {
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** Counts {@code count} events of {@code tenant} with {@code outcome} (e.g. `unavailable`). */
  public void events(String tenant, String outcome, int count) {
    counters
        .computeIfAbsent(
            tenant + "|" + outcome,
            k ->
                Counter.builder("stevedore.ingest.events")
                    .tag("namespace", "ns")
                    .tag("tenant", tenant)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment(count);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Addresses pods with a pod IP at this endpoint, as a cluster reaches pods by their IP. */
  public PodAddresses addresses() {
    return pod -> hasIp(pod) ? Optional.of(uri()) : Optional.empty();
  }

  private static boolean hasIp(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getPodIP() != null;
  }

  @Override
  public void close() {
    server.stop(0);
    registry.close();
  }
}
