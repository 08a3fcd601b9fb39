package io.stevedore.operator.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.operator.kube.PodAddresses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads every worker pod's `/actuator/inflight` (in flight, draining, processed, busy seconds,
 * paused and circuit breakers) at once, with a short timeout: a pod that does not answer in time is
 * unreadable, never idle.
 */
public final class PodReader {
  static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private final PodAddresses addresses;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  public PodReader(PodAddresses addresses) {
    this.addresses = addresses;
  }

  public List<PodSample> read(List<Pod> pods) {
    List<CompletableFuture<PodSample>> reads = new ArrayList<>(pods.size());
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      boolean ready = isReady(pod);
      Optional<URI> base = addresses.management(pod);
      if (base.isEmpty()) {
        reads.add(CompletableFuture.completedFuture(PodSample.unreadable(name, ready)));
        continue;
      }
      var request =
          HttpRequest.newBuilder(base.get().resolve("/actuator/inflight")).timeout(TIMEOUT).build();
      reads.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .thenApply(response -> parse(name, ready, response))
              .completeOnTimeout(
                  PodSample.unreadable(name, ready), TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
              .exceptionally(e -> PodSample.unreadable(name, ready)));
    }
    return reads.stream().map(CompletableFuture::join).toList();
  }

  private static PodSample parse(String name, boolean ready, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return PodSample.unreadable(name, ready);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      if (!body.hasNonNull("inFlight")) {
        return PodSample.unreadable(name, ready);
      }
      return new PodSample(
          name,
          ready,
          body.path("draining").asBoolean(false),
          OptionalInt.of(body.get("inFlight").asInt()),
          body.hasNonNull("processed")
              ? OptionalLong.of(body.get("processed").asLong())
              : OptionalLong.empty(),
          body.hasNonNull("busySeconds")
              ? OptionalDouble.of(body.get("busySeconds").asDouble())
              : OptionalDouble.empty(),
          body.path("paused").asBoolean(false),
          unavailable(body.path("circuits")));
    } catch (java.io.IOException e) {
      return PodSample.unreadable(name, ready);
    }
  }

  /** The stores whose circuit is not closed, from {@code {"dynamodb": "open", ...}}. */
  private static List<String> unavailable(JsonNode circuits) {
    List<String> open = new ArrayList<>();
    circuits
        .fields()
        .forEachRemaining(
            circuit -> {
              if (!"closed".equals(circuit.getValue().asText())) {
                open.add(circuit.getKey());
              }
            });
    Collections.sort(open);
    return open;
  }

  /** The pod's Ready condition, as the ReplicaSet sees it. */
  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
