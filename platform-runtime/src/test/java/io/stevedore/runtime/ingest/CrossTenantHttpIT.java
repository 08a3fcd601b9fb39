package io.stevedore.runtime.ingest;

import static io.stevedore.runtime.ingest.BadIngestRequests.PROBLEMS;
import static io.stevedore.runtime.ingest.IngestClient.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.storage.ActivityItems;
import io.stevedore.runtime.storage.RecordItems;
import io.stevedore.runtime.testing.RecordTables;
import io.stevedore.runtime.testing.TestTenants;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.sandbox.aws.LocalDynamoDb;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

/**
 * Every way one tenant's key could reach another tenant, over HTTP on a real ingest (the machine's
 * RabbitMQ and MariaDB, DynamoDB Local): tenant A (acme) holds a key, tenant B (globex) holds data
 * under device ids A may guess. Nothing of B comes back, and what comes back for B's device is the
 * answer for a device nobody has, so neither B's data nor its existence shows.
 */
class CrossTenantHttpIT {
  private static final String B_DEVICE = "b-truck";
  private static final String NOBODYS_DEVICE = "nobodys-truck";
  private static final String B_SECRET = "b-secret-payload";
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final String WINDOW = "?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";

  @TempDir static Path tenantsDirectory;
  static LocalDynamoDb dynamo;
  static TestTenants tenants;
  static TestTenant a;
  static TestTenant b;
  static TestTenant suspended;
  static Connection rabbit;
  static Channel channel;
  static RunningRuntime runtime;
  static IngestClient client;

  @BeforeAll
  static void start() throws Exception {
    dynamo = LocalDynamoDb.start();
    tenants = new TestTenants(tenantsDirectory);
    a = tenants.add("acme", 10_000);
    b = tenants.add("globex", 10_000);
    suspended = tenants.addSuspended("initech");
    rabbit = RabbitQueues.connect();
    channel = rabbit.createChannel();
    for (TestTenant tenant : tenants.all()) {
      RabbitQueues.declare(channel, tenant);
      RecordTables.create(dynamo.client(), tenant.entry().table());
    }
    store(b, B_DEVICE, "b-event-1");
    store(b, B_DEVICE, "b-event-2");
    store(a, "a-truck", "a-event-1");
    runtime =
        RunningRuntime.start(
            Map.of(
                "STEVEDORE_ROLE", "ingest",
                "STEVEDORE_TENANTS_FILE", tenants.file().toString(),
                "STEVEDORE_STORAGE_DYNAMODB_ENDPOINT", dynamo.endpoint()));
    client = new IngestClient(runtime.context);
    runtime
        .context
        .getBean(JdbcClient.class)
        .sql("INSERT INTO agent_config (namespace, tenant, device_id, config) VALUES (?, ?, ?, ?)")
        .params(b.entry().namespace(), b.name(), B_DEVICE, "{\"secret\": \"" + B_SECRET + "\"}")
        .update();
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    for (TestTenant tenant : tenants.all()) {
      channel.queueDelete(tenant.queues().main());
    }
    rabbit.close();
    dynamo.close();
  }

  @Test
  void bsDataIsThereForB() {
    assertThat(get(b, "/v1/devices/" + B_DEVICE + "/events" + WINDOW).statusCode()).isEqualTo(200);
    assertThat(get(b, "/v1/agents/" + B_DEVICE + "/config").body()).contains(B_SECRET);
  }

  @Test
  void aWriteWithAsKeyLandsInAsQueueWhateverTheBodyClaims() throws Exception {
    // B's device id, and B's tenant named in the body: the tenant is the key's, never the body's.
    var events = events(B_DEVICE, 2);
    events.forEach(event -> event.put("tenant", b.name()));
    Map<String, Object> body = new HashMap<>(Map.of("events", events));
    body.put("tenant", b.name());
    body.put("namespace", b.entry().namespace());
    body.put("queue", b.entry().queue());
    long bBefore = messages(b);

    var response =
        client.post(
            new IngestClient.Post(
                a.apiKey(),
                tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(body)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(messages(b)).isEqualTo(bBefore);
    var message = channel.basicGet(a.queues().main(), true);
    assertThat(message.getProps().getHeaders().get(TenantQueues.TENANT_HEADER)).hasToString("acme");
    var batch = EventBatchCodec.decode(message.getBody());
    assertThat(batch.tenant()).isEqualTo(a.name());
    assertThat(batch.events()).hasSize(2);
  }

  @Test
  void bsDeviceEventsWithAsKeyAreA404LikeADeviceNobodyHas() {
    var forB = get(a, "/v1/devices/" + B_DEVICE + "/events" + WINDOW);
    var forNobody = get(a, "/v1/devices/" + NOBODYS_DEVICE + "/events" + WINDOW);

    assertProblem(forB, 404, "not-found");
    assertThat(forB.body().replace(B_DEVICE, "<device>"))
        .isEqualTo(forNobody.body().replace(NOBODYS_DEVICE, "<device>"));
    assertLeaksNothingOfB(forB);
    // A's own device still answers.
    assertThat(get(a, "/v1/devices/a-truck/events" + WINDOW).body()).contains("a-event-1");
  }

  @Test
  void theTablesOwnerRecordIsNeverServedAsADevice() {
    dynamo
        .client()
        .putItem(
            p ->
                p.tableName(a.entry().table())
                    .item(
                        Map.of(
                            RecordTable.DEVICE_ID,
                            AttributeValue.fromS(RecordTable.OWNER_DEVICE),
                            RecordTable.TIME_EVENT,
                            AttributeValue.fromS("#owner"),
                            "tenantUid",
                            AttributeValue.fromS("uid-of-a"))));

    var response =
        get(a, "/v1/devices/" + RecordTable.OWNER_DEVICE.replace("#", "%23") + "/events" + WINDOW);

    assertProblem(response, 404, "not-found");
    assertThat(response.body()).doesNotContain("uid-of-a");
  }

  @Test
  void bsPagingCursorWithAsKeyReadsNothingOfB() {
    JsonNode bsFirstPage =
        RunningRuntime.json(get(b, "/v1/devices/" + B_DEVICE + "/events" + WINDOW + "&limit=1"));
    String cursor = bsFirstPage.get("next").asString();

    var response = get(a, "/v1/devices/" + B_DEVICE + "/events" + WINDOW + "&cursor=" + cursor);

    assertProblem(response, 404, "not-found");
    assertLeaksNothingOfB(response);
  }

  @Test
  void aDashboardWithAsKeyShowsNothingOfB() {
    for (String path :
        List.of(
            "/v1/dashboard/devices",
            "/v1/dashboard/events" + WINDOW,
            "/v1/dashboard/counts" + WINDOW,
            "/v1/dashboard/queue")) {
      var response = get(a, path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).doesNotContain(B_DEVICE);
      assertLeaksNothingOfB(response);
    }
    assertThat(get(b, "/v1/dashboard/devices").body()).contains(B_DEVICE);
    assertThat(get(a, "/v1/dashboard/events" + WINDOW).body()).contains("a-event-1");
    // B's two events would make it 3.
    JsonNode counts = RunningRuntime.json(get(a, "/v1/dashboard/counts" + WINDOW));
    long total = 0;
    for (JsonNode n : counts.at("/counts/location")) {
      total += n.asLong();
    }
    assertThat(total).isEqualTo(1);
  }

  @Test
  void bsDashboardCursorsWithAsKeyReadNothingOfB() {
    for (String path : List.of("/v1/dashboard/events" + WINDOW + "&", "/v1/dashboard/devices?")) {
      String cursor = RunningRuntime.json(get(b, path + "limit=1")).get("next").asString();

      var response = get(a, path + "cursor=" + cursor);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertLeaksNothingOfB(response);
      assertThat(response.body()).doesNotContain(B_DEVICE);
    }
  }

  @Test
  void bsAgentConfigurationWithAsKeyIsA404LikeADeviceNobodyHas() {
    String bsEtag =
        get(b, "/v1/agents/" + B_DEVICE + "/config").headers().firstValue("ETag").orElseThrow();

    var forB = get(a, "/v1/agents/" + B_DEVICE + "/config");
    var forNobody = get(a, "/v1/agents/" + NOBODYS_DEVICE + "/config");
    // B's ETag must not turn into a 304 that would confirm B's configuration.
    var withBsEtag =
        client.get(
            "/v1/agents/" + B_DEVICE + "/config",
            Map.of("X-Api-Key", a.apiKey(), "If-None-Match", bsEtag));

    assertProblem(forB, 404, "not-found");
    assertThat(forB.headers().firstValue("ETag")).isEmpty();
    assertThat(forB.body().replace(B_DEVICE, "<device>"))
        .isEqualTo(forNobody.body().replace(NOBODYS_DEVICE, "<device>"));
    assertProblem(withBsEtag, 404, "not-found");
    assertLeaksNothingOfB(forB);
    assertLeaksNothingOfB(withBsEtag);
  }

  static Stream<Arguments> endpoints() {
    return Stream.of(
        Arguments.of("POST /v1/events"),
        Arguments.of("GET /v1/devices/" + B_DEVICE + "/events"),
        Arguments.of("GET /v1/agents/" + B_DEVICE + "/config"),
        Arguments.of("GET /v1/dashboard/devices"),
        Arguments.of("GET /v1/dashboard/events"),
        Arguments.of("GET /v1/dashboard/counts"),
        Arguments.of("GET /v1/dashboard/queue"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void aSuspendedTenantsKeyIs403AndNothingIsDone(String endpoint) throws Exception {
    var response = call(endpoint, Map.of("Authorization", "Bearer " + suspended.apiKey()));

    assertProblem(response, 403, "forbidden");
    assertThat(RunningRuntime.json(response).at("/detail").asString()).contains("suspended");
    assertThat(messages(suspended)).isZero();
    assertLeaksNothingOfB(response);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void aMissingOrUnknownKeyIs401WithTheSameAnswerForEveryUnknownKey(String endpoint) {
    var none = call(endpoint, Map.of());
    var garbage = call(endpoint, Map.of("Authorization", "Bearer not-a-key"));
    // The digest the directory holds for B's key is not a key.
    var bsDigest = call(endpoint, Map.of("X-Api-Key", b.entry().apiKeySha256().get(0)));
    var notBearer = call(endpoint, Map.of("Authorization", "Basic " + b.apiKey()));

    for (var response : List.of(none, garbage, bsDigest, notBearer)) {
      assertProblem(response, 401, "unauthorized");
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"stevedore\"");
      assertLeaksNothingOfB(response);
    }
    assertThat(bsDigest.body()).isEqualTo(garbage.body());
    assertThat(notBearer.body()).isEqualTo(none.body());
  }

  private static HttpResponse<String> call(String endpoint, Map<String, String> headers) {
    String path = endpoint.substring(endpoint.indexOf(' ') + 1);
    if (endpoint.startsWith("POST")) {
      Map<String, String> withType = new HashMap<>(headers);
      withType.put("Content-Type", "application/json");
      return client.post(path, withType, IngestClient.body(events(B_DEVICE, 1)));
    }
    return client.get(path + (path.endsWith("/events") ? WINDOW : ""), headers);
  }

  private static HttpResponse<String> get(TestTenant tenant, String path) {
    return client.get(path, Map.of("Authorization", "Bearer " + tenant.apiKey()));
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = RunningRuntime.json(response);
    assertThat(problem.at("/type").asString()).isEqualTo(PROBLEMS + type);
    assertThat(problem.at("/status").asInt()).isEqualTo(status);
  }

  private static void assertLeaksNothingOfB(HttpResponse<String> response) {
    assertThat(response.body())
        .doesNotContain(b.name(), b.entry().table(), b.entry().queue(), B_SECRET, "b-event-");
    assertThat(response.headers().map().toString()).doesNotContain(b.name(), B_SECRET);
  }

  private static long messages(TestTenant tenant) throws Exception {
    return channel.queueDeclarePassive(tenant.queues().main()).getMessageCount();
  }

  /** A record, and the dashboard's index items for it, as the worker writes them. */
  private static void store(TestTenant tenant, String device, String eventId) {
    dynamo
        .client()
        .putItem(
            p ->
                p.tableName(tenant.entry().table())
                    .item(
                        RecordItems.item(
                            new DeviceEvent(
                                device, eventId, T0, "location", Map.of("note", tenant.name())),
                            T0,
                            0)));
    for (var item :
        ActivityItems.of(
            List.of(new DeviceEvent(device, eventId, T0, "location", Map.of())), T0, 0)) {
      dynamo.client().putItem(p -> p.tableName(tenant.entry().table()).item(item));
    }
  }
}
