package io.stevedore.operator.testing;

import io.fabric8.kubernetes.api.model.Secret;
import io.stevedore.operator.kube.Labels;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Real ingest pods (the platform-runtime jar run by the local kubelet) for operator tests. */
public final class LocalIngest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private LocalIngest() {}

  /** A kubelet that runs only ingest Deployments, small JVMs, against the local AWS stand-ins. */
  public static LocalKubelet.Settings kubeletSettings() throws Exception {
    return LocalPods.settings(Map.of(Labels.COMPONENT, "ingest"));
  }

  /** The API key a tenant Secret holds. */
  public static String apiKey(Secret secret) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get("apiKey")), StandardCharsets.UTF_8);
  }

  /** Posts a one-event batch with {@code apiKey} to the ingest pod on {@code port}. */
  public static HttpResponse<String> post(int port, String apiKey) throws Exception {
    String body =
        """
        {"events":[{"deviceId":"truck-9","eventId":"%s","timestamp":"%s","type":"location","payload":{"latitude":52.37,"longitude":4.89}}]}
        """
            .formatted(UUID.randomUUID(), Instant.now().minusSeconds(5));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
