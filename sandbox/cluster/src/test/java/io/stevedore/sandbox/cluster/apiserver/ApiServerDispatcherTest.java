package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded API over plain HTTP, as kubectl talks to it: on the mock server's port, where
 * watches are long polls, and through the {@link HttpFront}, where they stream.
 */
@Timeout(30)
class ApiServerDispatcherTest {
  private static final Duration NEVER_HANG = Duration.ofSeconds(10);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(NEVER_HANG)
          .build();
  private static EmbeddedKubernetes kubernetes;

  @BeforeAll
  static void start() {
    kubernetes = EmbeddedKubernetes.start(0, InstalledCrds.objects());
    kubernetes.createNamespace("web");
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
  }

  /** The mock server's own port, which the in-process client uses: watches are long polls. */
  private static URI mockServer() {
    return URI.create(kubernetes.client().getMasterUrl().toString());
  }

  private static HttpResponse<String> send(
      String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(mockServer().resolve(path))
            .timeout(NEVER_HANG)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null);
  }

  private static List<JsonNode> events(HttpResponse<String> watch) {
    List<JsonNode> events = new ArrayList<>();
    watch.body().lines().filter(l -> !l.isBlank()).forEach(l -> events.add(Json.parse(l)));
    return events;
  }

  private static String configMap(String name, Map<String, String> data) {
    return Json.write(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withData(data)
            .build());
  }

  @Test
  void versionAndDiscoveryAnswerWithTheQueryStringKubectlAdds() throws Exception {
    var version = get("/version?timeout=32s");
    assertThat(Json.parse(version.body()).path("gitVersion").asText())
        .isEqualTo(ApiServerDispatcher.GIT_VERSION);
    var groups = get("/apis?timeout=32s");
    assertThat(groups.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(groups.body()).contains("\"name\":\"stevedore.io\"");
    assertThat(get("/apis/stevedore.io/v1alpha1?timeout=32s").body())
        .contains("\"shortNames\":[\"senv\"]");
  }

  @Test
  void aWatchFromTheCurrentVersionGetsABookmarkAfterTheIdleDelay() throws Exception {
    var created =
        send(
            "POST",
            "/api/v1/namespaces/web/configmaps",
            "application/json",
            configMap("idle", Map.of()));
    String version = Json.parse(created.body()).at("/metadata/resourceVersion").asText();
    long started = System.nanoTime();

    var watch =
        get(
            "/api/v1/namespaces/web/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion="
                + version
                + "&fieldSelector=metadata.name%3Didle");

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(HttpWatch.IDLE);
    assertThat(events(watch))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.path("type").asText()).isEqualTo("BOOKMARK");
              assertThat(event.at("/object/kind").asText()).isEqualTo("ConfigMap");
              assertThat(event.at("/object/metadata/resourceVersion").asLong())
                  .isGreaterThanOrEqualTo(Long.parseLong(version));
            });
  }

  @Test
  void aWatchFromAnOlderVersionGetsWhatHappenedSinceAtOnce() throws Exception {
    var created =
        send(
            "POST",
            "/api/v1/namespaces/web/configmaps",
            "application/json",
            configMap("changing", Map.of("a", "1")));
    String version = Json.parse(created.body()).at("/metadata/resourceVersion").asText();
    send(
        "PATCH",
        "/api/v1/namespaces/web/configmaps/changing",
        "application/merge-patch+json",
        "{\"data\":{\"a\":\"2\"}}");
    send("DELETE", "/api/v1/namespaces/web/configmaps/changing", null, null);

    var watch =
        get(
            "/api/v1/namespaces/web/configmaps?watch=1&resourceVersion="
                + version
                + "&fieldSelector=metadata.name%3Dchanging");

    assertThat(events(watch))
        .extracting(e -> e.path("type").asText())
        .containsExactly("MODIFIED", "DELETED");
    assertThat(events(watch).get(0).at("/object/data/a").asText()).isEqualTo("2");
  }

  @Test
  void aWatchAskingForInitialEventsGetsTheObjectsThenTheEndMarker() throws Exception {
    send(
        "POST",
        "/api/v1/namespaces/web/configmaps",
        "application/json",
        configMap("present", Map.of()));

    var watch =
        get(
            "/api/v1/namespaces/web/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&fieldSelector=metadata.name%3Dpresent");

    var events = events(watch);
    assertThat(events.get(0).path("type").asText()).isEqualTo("ADDED");
    assertThat(events.get(1).path("type").asText()).isEqualTo("BOOKMARK");
    assertThat(events.get(1).at("/object/metadata/annotations/k8s.io~1initial-events-end").asText())
        .isEqualTo("true");
  }

  @Test
  void theFrontStreamsAWatchUntilItsTimeout() throws Exception {
    var created =
        send(
            "POST",
            "/api/v1/namespaces/web/configmaps",
            "application/json",
            configMap("streamed", Map.of("a", "1")));
    String version = Json.parse(created.body()).at("/metadata/resourceVersion").asText();
    var watch =
        HTTP.sendAsync(
            HttpRequest.newBuilder(
                    URI.create(kubernetes.url())
                        .resolve(
                            "/api/v1/namespaces/web/configmaps?watch=true&timeoutSeconds=2&resourceVersion="
                                + version
                                + "&fieldSelector=metadata.name%3Dstreamed"))
                .timeout(NEVER_HANG)
                .build(),
            HttpResponse.BodyHandlers.ofLines());

    for (String value : List.of("2", "3")) {
      send(
          "PATCH",
          "/api/v1/namespaces/web/configmaps/streamed",
          "application/merge-patch+json",
          "{\"data\":{\"a\":\"" + value + "\"}}");
    }

    List<JsonNode> events = watch.get().body().filter(l -> !l.isBlank()).map(Json::parse).toList();
    assertThat(events)
        .extracting(e -> e.path("type").asText() + " " + e.at("/object/data/a").asText())
        .containsExactly("MODIFIED 2", "MODIFIED 3");
  }

  @Test
  void theFrontAnswersEverythingElseAsTheMockPortDoes() throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(kubernetes.url()).resolve("/apis/stevedore.io/v1alpha1?timeout=32s"))
                .timeout(NEVER_HANG)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).isEqualTo(get("/apis/stevedore.io/v1alpha1?timeout=32s").body());
  }

  @Test
  void statusSubresourcePathsWorkWithAQueryString() throws Exception {
    String tenant =
        "{\"apiVersion\":\"stevedore.io/v1alpha1\",\"kind\":\"Tenant\",\"metadata\":{\"name\":\"acme\"},\"spec\":{\"environment\":\"s\",\"workerPool\":\"p\"}}";
    send("POST", "/apis/stevedore.io/v1alpha1/namespaces/web/tenants", "application/json", tenant);

    var patched =
        send(
            "PATCH",
            "/apis/stevedore.io/v1alpha1/namespaces/web/tenants/acme/status?fieldManager=kubectl-edit",
            "application/merge-patch+json",
            "{\"status\":{\"queue\":\"q\"},\"spec\":{\"environment\":\"ignored\"}}");

    assertThat(patched.statusCode()).isLessThan(300);
    JsonNode stored =
        Json.parse(get("/apis/stevedore.io/v1alpha1/namespaces/web/tenants/acme").body());
    assertThat(stored.at("/status/queue").asText()).isEqualTo("q");
    assertThat(stored.at("/spec/environment").asText()).isEqualTo("s");
  }

  @Test
  void failuresAreStatusObjectsAndNeverLeaveTheClientWaiting() throws Exception {
    var notFound = get("/api/v1/namespaces/web/configmaps/nope");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(Json.parse(notFound.body()).path("message").asText())
        .isEqualTo("configmaps \"nope\" not found");

    var protobuf =
        send(
            "POST",
            "/api/v1/namespaces/web/configmaps",
            "application/vnd.kubernetes.protobuf",
            "k8s\0...");
    assertThat(protobuf.statusCode()).isEqualTo(415);
    assertThat(Json.parse(protobuf.body()).path("reason").asText())
        .isEqualTo("UnsupportedMediaType");

    var unreadable =
        send("POST", "/api/v1/namespaces/web/configmaps", "application/json", "{not json");
    assertThat(unreadable.statusCode()).isBetween(400, 599);
    assertThat(Json.parse(unreadable.body()).path("kind").asText()).isEqualTo("Status");

    var badSelector = get("/api/v1/namespaces/web/configmaps?labelSelector=a%20in%20b");
    assertThat(badSelector.statusCode()).isEqualTo(400);
  }
}
