package io.stevedore.operator.scaling;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.stevedore.operator.kube.PodAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each pod's management port, as the autoscaler reaches it: an HTTP server of the test answering
 * `/actuator/inflight` the way the runtime's InFlightEndpoint does, with what the test sets (in
 * flight, paused, each store's circuit), so the autoscaler reads real HTTP from pods that run no
 * worker.
 */
final class WorkerEndpoints implements PodAddresses, AutoCloseable {
  private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  private volatile Map<String, String> circuits = Map.of("dynamodb", "closed", "mysql", "closed");

  @Override
  public Optional<URI> management(Pod pod) {
    HttpServer server = servers.computeIfAbsent(pod.getMetadata().getName(), this::serve);
    return Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  /** The deliveries pod {@code name} says it holds. */
  void inFlight(String name, int deliveries) {
    inFlight.put(name, deliveries);
  }

  /** Every pod reports these circuit states, and paused while one of them is not closed. */
  void circuits(Map<String, String> states) {
    circuits = Map.copyOf(states);
  }

  @Override
  public void close() {
    servers.values().forEach(server -> server.stop(0));
  }

  private HttpServer serve(String pod) {
    try {
      var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/actuator/inflight",
          exchange -> {
            byte[] body = body(pod).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String body(String pod) {
    Map<String, String> states = circuits;
    boolean paused = states.values().stream().anyMatch(state -> !state.equals("closed"));
    StringBuilder json = new StringBuilder();
    states.forEach(
        (store, state) ->
            json.append(json.isEmpty() ? "" : ",")
                .append('"')
                .append(store)
                .append("\":\"")
                .append(state)
                .append('"'));
    return "{\"inFlight\":"
        + inFlight.getOrDefault(pod, 0)
        + ",\"draining\":false,\"processed\":0,\"busySeconds\":0.0,\"paused\":"
        + paused
        + ",\"circuits\":{"
        + json
        + "}}";
  }
}
