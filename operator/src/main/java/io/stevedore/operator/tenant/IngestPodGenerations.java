package io.stevedore.operator.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.PodAddresses;
import io.stevedore.operator.platform.PlatformNames;
import io.stevedore.operator.scaling.PodReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads which tenant directory generation each ingest pod of an Environment serves, from its
 * `/actuator/tenantdirectory`, all pods at once with a short timeout: a pod that does not answer in
 * time has not confirmed anything.
 */
final class IngestPodGenerations {
  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final Set<String> ENDED = Set.of("Succeeded", "Failed");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  private final KubernetesClient client;
  private final PodAddresses addresses;

  IngestPodGenerations(KubernetesClient client, PodAddresses addresses) {
    this.client = client;
    this.addresses = addresses;
  }

  List<IngestConfirmation.IngestPod> read(Environment environment) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(environment.getMetadata().getNamespace())
            .withLabels(
                Labels.selector(
                    "ingest", PlatformNames.ingest(environment.getMetadata().getName())))
            .list()
            .getItems();
    return pods.stream().map(this::read).map(CompletableFuture::join).toList();
  }

  private CompletableFuture<IngestConfirmation.IngestPod> read(Pod pod) {
    String name = pod.getMetadata().getName();
    boolean gone = pod.getStatus() != null && ENDED.contains(pod.getStatus().getPhase());
    boolean ready = PodReader.isReady(pod);
    var base = gone ? Optional.<URI>empty() : addresses.management(pod);
    var unanswered =
        new IngestConfirmation.IngestPod(name, gone, base.isPresent(), ready, OptionalLong.empty());
    if (base.isEmpty()) {
      return CompletableFuture.completedFuture(unanswered);
    }
    var request =
        HttpRequest.newBuilder(base.get().resolve("/actuator/tenantdirectory"))
            .timeout(TIMEOUT)
            .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response ->
                new IngestConfirmation.IngestPod(name, false, true, ready, generation(response)))
        .completeOnTimeout(unanswered, TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
        .exceptionally(e -> unanswered);
  }

  private static OptionalLong generation(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return OptionalLong.empty();
    }
    try {
      JsonNode generation = Serialization.jsonMapper().readTree(response.body()).get("generation");
      return generation != null && generation.isIntegralNumber()
          ? OptionalLong.of(generation.asLong())
          : OptionalLong.empty();
    } catch (java.io.IOException e) {
      return OptionalLong.empty();
    }
  }
}
