package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fabric8 mock server's CRUD store behind what the real kubectl needs from an API server:
 * discovery, OpenAPI v3, server-side tables, plain HTTP watches, strategic merge patches, full
 * label and field selectors, Status bodies for failures, JSON content types, and subresource paths
 * with query strings. Expectations registered on the mock server still come first.
 */
public final class ApiServerDispatcher extends Dispatcher {
  /** The Kubernetes version the embedded API reports and whose kubectl it is tested with. */
  public static final String GIT_VERSION = "v1.35.0";

  private static final Logger LOG = LoggerFactory.getLogger(ApiServerDispatcher.class);
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final int JOURNAL_CAPACITY = 4096;

  private final Map<ServerRequest, Queue<ServerResponse>> expectations;
  private final MockDispatcher expected;
  private final WatchJournal journal = new WatchJournal(JOURNAL_CAPACITY);
  private final JournalingCrudDispatcher store = new JournalingCrudDispatcher(journal);
  private final ApiCallLog calls = new ApiCallLog();
  private volatile CatalogCache catalog = new CatalogCache(-1, null);

  /** The catalog as of a number of CRD changes: rebuilt only when a CRD changed. */
  private record CatalogCache(long crdChanges, ResourceCatalog catalog) {}

  public ApiServerDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations) {
    this.expectations = expectations;
    this.expected = new MockDispatcher(expectations);
  }

  @Override
  public MockResponse dispatch(RecordedRequest raw) {
    ApiRequest request = ApiRequest.of(raw);
    calls.record(request);
    try {
      return completed(route(request), request);
    } catch (IllegalArgumentException e) {
      // Malformed input: a selector, a JSON body, a patch that does not apply.
      return ApiStatus.failure(400, "BadRequest", e.getMessage());
    } catch (RuntimeException e) {
      // An exception escaping a dispatcher leaves the client waiting for an answer forever.
      LOG.warn("Embedded API failed on {} {}", request.method(), raw.getPath(), e);
      return ApiStatus.failure(
          500,
          "InternalError",
          "the embedded API failed on %s %s: %s".formatted(request.method(), request.path(), e));
    }
  }

  private MockResponse route(ApiRequest request) {
    RecordedRequest raw = request.raw();
    if (isExpected(raw.method(), raw.getPath())) {
      return expected.dispatch(raw);
    }
    if (isExpected(raw.method(), request.path())) {
      return expected.dispatch(rewritten(raw, raw.method(), request.path(), raw.getBody()));
    }
    if (request.contentType().contains("protobuf")) {
      return ApiStatus.failure(
          415,
          "UnsupportedMediaType",
          "the embedded API accepts JSON request bodies only: for kubectl create <kind>, pipe"
              + " kubectl create <kind> ... --dry-run=client -o yaml into kubectl apply -f -");
    }
    Optional<ApiPath> resourcePath = request.resourcePath();
    if (resourcePath.isEmpty()) {
      return "GET".equals(request.method()) ? metadata(request) : store.dispatch(raw);
    }
    ApiPath path = resourcePath.get();
    if (request.query().containsKey("dryRun")) {
      return ApiStatus.failure(
          400, "BadRequest", "the embedded API does not support server-side dry runs");
    }
    if ("scale".equals(path.subresource())) {
      return scale(request, path);
    }
    if ("GET".equals(request.method())) {
      return read(request, path);
    }
    if ("DELETE".equals(request.method())) {
      // Selectors of a collection DELETE must reach the store; its suffix checks do not see them.
      return store.dispatch(raw);
    }
    ApiResource resource = resource(path, null);
    if (resource.isCustom() && request.contentType().contains("strategic-merge-patch")) {
      return ApiStatus.failure(
          415,
          "UnsupportedMediaType",
          "the body of the request was in an unknown format - accepted media types include:"
              + " application/json-patch+json, application/merge-patch+json (strategic merge"
              + " patch is for built-in kinds: use kubectl patch --type=merge)");
    }
    var validation = WriteValidation.check(request, path, resource, () -> stored(request.path()));
    if (validation.rejection().isPresent()) {
      return validation.rejection().get();
    }
    MockResponse response;
    if (validation.pruned().isPresent()) {
      // The object as it is to be stored, a replace of the version read if it came as a patch.
      byte[] body = Json.write(validation.pruned().get()).getBytes(StandardCharsets.UTF_8);
      HttpMethod method = raw.method() == HttpMethod.PATCH ? HttpMethod.PUT : raw.method();
      response = store.dispatch(rewritten(raw, method, request.path(), new Buffer(body)));
    } else if ("PATCH".equals(request.method())) {
      response = patch(request, path);
    } else {
      response =
          store.dispatch(rewritten(raw, raw.method(), request.path(), written(request, path)));
    }
    for (String warning : validation.warnings()) {
      response.addHeader("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
    }
    return response;
  }

  private Optional<JsonNode> stored(String objectPath) {
    MockResponse current = store.handleGet(objectPath);
    return current.code() == 200
        ? Optional.of(Json.parse(current.getBody().readUtf8()))
        : Optional.empty();
  }

  private static Buffer written(ApiRequest request, ApiPath path) {
    RecordedRequest raw = request.raw();
    if (!path.group().isEmpty() || !path.plural().equals("secrets") || raw.getBody().size() == 0) {
      return raw.getBody();
    }
    JsonNode secret = SecretStringData.normalized(Json.parse(request.body()));
    return new Buffer(Json.write(secret).getBytes(StandardCharsets.UTF_8));
  }

  private MockResponse scale(ApiRequest request, ApiPath path) {
    String objectPath = request.path().substring(0, request.path().lastIndexOf('/'));
    MockResponse current = store.handleGet(objectPath);
    if (current.code() != 200) {
      return ApiStatus.notFound(path);
    }
    JsonNode object = Json.parse(current.getBody().readUtf8());
    if ("GET".equals(request.method())) {
      return ok(ScaleSubresource.view(object));
    }
    JsonNode change = Json.parse(request.body());
    JsonNode scale =
        "PUT".equals(request.method())
            ? change
            : StrategicMergePatch.apply(ScaleSubresource.view(object), change);
    byte[] body =
        Json.write(ScaleSubresource.applied(object, scale)).getBytes(StandardCharsets.UTF_8);
    MockResponse updated =
        store.dispatch(rewritten(request.raw(), HttpMethod.PUT, objectPath, new Buffer(body)));
    return updated.code() == 200
        ? ok(ScaleSubresource.view(Json.parse(updated.getBody().readUtf8())))
        : updated;
  }

  private MockResponse metadata(ApiRequest request) {
    String path = request.path();
    if (path.equals(OpenApiDocuments.ROOT)) {
      return ok(OpenApiDocuments.index(catalog()));
    }
    if (path.startsWith(OpenApiDocuments.ROOT + "/")) {
      return OpenApiDocuments.forPath(catalog(), path.substring(OpenApiDocuments.ROOT.length() + 1))
          .map(ApiServerDispatcher::ok)
          .orElseGet(() -> ApiStatus.failure(404, "NotFound", "no OpenAPI document at " + path));
    }
    return Discovery.document(path, catalog(), request.header("Host"))
        .map(ApiServerDispatcher::ok)
        .orElseGet(() -> store.dispatch(request.raw()));
  }

  private MockResponse read(ApiRequest request, ApiPath path) {
    if (request.isWatch()) {
      if (request.isWebSocketUpgrade()) {
        return store.dispatch(request.raw());
      }
      return HttpWatch.answer(session(request, path), () -> list(request, path));
    }
    MockResponse stored = store.handleGet(request.path());
    if (stored.code() != 200) {
      return stored.code() == 404 ? ApiStatus.notFound(path) : stored;
    }
    JsonNode body = Json.parse(stored.getBody().readUtf8());
    ApiResource resource = resource(path, body);
    if (path.isList()) {
      body = Selectors.filtered(body, Selectors.selection(request, path, resource), resource);
    }
    if (request.wantsTable()) {
      body =
          TableConverter.toTable(
              body,
              resource,
              TableConverter.IncludeObject.of(request.param("includeObject")),
              Instant.now());
    }
    return ok(body);
  }

  /**
   * A plain HTTP watch on a resource path, for {@link HttpFront} to stream; empty for any other
   * request (which {@link #dispatch} answers).
   */
  Optional<StreamedWatch> streamedWatch(RecordedRequest raw) {
    ApiRequest request = ApiRequest.of(raw);
    Optional<ApiPath> path = request.resourcePath();
    if (!request.isWatch() || request.isWebSocketUpgrade() || path.isEmpty()) {
      return Optional.empty();
    }
    calls.record(request);
    return Optional.of(
        new StreamedWatch(session(request, path.get()), () -> list(request, path.get())));
  }

  /** Every call served, by client. */
  public ApiCallLog calls() {
    return calls;
  }

  /** A watch to stream: its session and the objects it starts from. */
  record StreamedWatch(WatchSession session, Supplier<JsonNode> current) {}

  private WatchSession session(ApiRequest request, ApiPath path) {
    ApiResource resource = resource(path, null);
    return new WatchSession(
        request, resource, Selectors.selection(request, path, resource), journal);
  }

  private JsonNode list(ApiRequest request, ApiPath path) {
    String listPath =
        path.isList()
            ? request.path()
            : request.path().substring(0, request.path().lastIndexOf('/'));
    JsonNode body = Json.parse(store.handleGet(listPath).getBody().readUtf8());
    ApiResource resource = resource(path, body);
    return Selectors.filtered(body, Selectors.selection(request, path, resource), resource);
  }

  private MockResponse patch(ApiRequest request, ApiPath path) {
    String type = request.contentType();
    if (type.contains("apply-patch")) {
      return ApiStatus.failure(
          415,
          "UnsupportedMediaType",
          "the embedded API does not implement server-side apply: use kubectl apply without"
              + " --server-side");
    }
    RecordedRequest raw = request.raw();
    if (!type.contains("strategic-merge-patch")) {
      return store.dispatch(rewritten(raw, HttpMethod.PATCH, request.path(), raw.getBody()));
    }
    MockResponse current = store.handleGet(request.path());
    if (current.code() != 200) {
      return ApiStatus.notFound(path);
    }
    JsonNode merged =
        StrategicMergePatch.apply(
            Json.parse(current.getBody().readUtf8()), Json.parse(request.body()));
    // A replace carrying the version read just now: a concurrent change makes it a 409, never lost.
    byte[] body = Json.write(merged).getBytes(StandardCharsets.UTF_8);
    return store.dispatch(rewritten(raw, HttpMethod.PUT, request.path(), new Buffer(body)));
  }

  /** The catalog's entry, or Name/Age-only one for a kind nobody declared. */
  private ApiResource resource(ApiPath path, JsonNode body) {
    return catalog()
        .find(path.group(), path.version(), path.plural())
        .orElseGet(
            () -> {
              JsonNode sample =
                  body == null ? null : body.has("items") ? body.path("items").path(0) : body;
              String kind = sample == null ? "" : sample.path("kind").asText("");
              return ApiResource.builtIn(
                  path.groupVersion(),
                  kind,
                  path.plural(),
                  path.namespace() != null,
                  List.of(),
                  List.of());
            });
  }

  private ResourceCatalog catalog() {
    CatalogCache cached = catalog;
    long crdChanges = store.crdChanges();
    if (cached.crdChanges() != crdChanges) {
      // Counted before listing: a change landing meanwhile makes the next call list again.
      String crds = store.handleGet(CRDS).getBody().readUtf8();
      cached = new CatalogCache(crdChanges, ResourceCatalog.of(Json.parse(crds)));
      catalog = cached;
    }
    return cached.catalog();
  }

  private boolean isExpected(HttpMethod method, String path) {
    for (SimpleRequest key :
        new SimpleRequest[] {new SimpleRequest(method, path), new SimpleRequest(path)}) {
      Queue<ServerResponse> queue = expectations.get(key);
      if (queue != null && !queue.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Status bodies for failures that came without one, and JSON content types throughout. */
  private static MockResponse completed(MockResponse response, ApiRequest request) {
    boolean empty = response.getBody() == null || response.getBody().size() == 0;
    if (response.code() >= 400 && empty) {
      return request
          .resourcePath()
          .filter(path -> response.code() == 404)
          .map(ApiStatus::notFound)
          .orElseGet(
              () ->
                  ApiStatus.failure(
                      response.code(),
                      ApiStatus.reasonOf(response.code()),
                      "%s %s failed with status %d"
                          .formatted(request.method(), request.path(), response.code())));
    }
    if (!empty && response.getHeaders().get("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private static MockResponse ok(JsonNode body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(Json.write(body));
  }

  private static RecordedRequest rewritten(
      RecordedRequest raw, HttpMethod method, String path, Buffer body) {
    var headers = raw.getHeaders();
    if (method == HttpMethod.PUT && raw.method() == HttpMethod.PATCH) {
      headers = headers.newBuilder().set("Content-Type", "application/json").build();
    }
    return new RecordedRequest(raw.getHttpVersion(), method, path, headers, body);
  }

  @Override
  public void shutdown() {
    expected.shutdown();
    store.shutdown();
  }
}
