package io.stevedore.operator.health;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.operator.platform.PlatformNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scrapes the ingest pods' `stevedore.ingest.events` counters from `/actuator/prometheus` on their
 * management port. A pod without an address yet is skipped (it cannot have served a request); a pod
 * with one that does not answer makes the whole reading unavailable.
 */
final class IngestCounters {
  /** Micrometer's Prometheus name of `stevedore.ingest.events`. */
  static final String METRIC = "stevedore_ingest_events_total";

  /** The outcome that is the server's failure; `rejected` and `rate_limited` are the client's. */
  static final String ERROR_OUTCOME = "unavailable";

  static final String SUCCESS_OUTCOME = "accepted";

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Event counts by {@code <pod>|<outcome>}, when each pod started, and the pods skipped. */
  record Counts(
      Map<String, Double> byPodOutcome, Map<String, Instant> podStarts, List<String> skipped) {}

  private final KubernetesClient client;
  private final PodAddresses addresses;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  IngestCounters(KubernetesClient client, PodAddresses addresses) {
    this.client = client;
    this.addresses = addresses;
  }

  Counts read(Environment environment) throws MeasurementException {
    String namespace = environment.getMetadata().getNamespace();
    String deployment = PlatformNames.ingest(environment.getMetadata().getName());
    List<Pod> pods =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(Labels.selector("ingest", deployment))
            .list()
            .getItems();
    Map<String, Double> counts = new HashMap<>();
    Map<String, Instant> starts = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      var address = addresses.management(pod);
      if (address.isEmpty()) {
        skipped.add(name);
        continue;
      }
      starts.put(name, started(pod));
      // Micrometer registers a counter at its first event: one not there yet has counted zero.
      counts.put(name + "|" + ERROR_OUTCOME, 0.0);
      counts.put(name + "|" + SUCCESS_OUTCOME, 0.0);
      for (var sample : PrometheusText.samples(scrape(name, address.get()), METRIC)) {
        String outcome = sample.labels().getOrDefault("outcome", "");
        counts.merge(name + "|" + outcome, sample.value(), Double::sum);
      }
    }
    return new Counts(counts, starts, skipped);
  }

  private String scrape(String pod, URI base) throws MeasurementException {
    URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/actuator/prometheus");
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new MeasurementException(
            "ingest pod " + pod + " answered " + response.statusCode() + " at " + uri);
      }
      return response.body();
    } catch (IOException e) {
      throw new MeasurementException(
          "ingest pod " + pod + " did not answer at " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MeasurementException("interrupted while scraping ingest pod " + pod, e);
    }
  }

  private static Instant started(Pod pod) {
    String started =
        pod.getStatus() != null && pod.getStatus().getStartTime() != null
            ? pod.getStatus().getStartTime()
            : pod.getMetadata().getCreationTimestamp();
    return started == null ? null : Instant.parse(started);
  }
}
