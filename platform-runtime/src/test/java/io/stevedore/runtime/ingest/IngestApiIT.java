package io.stevedore.runtime.ingest;

import static io.stevedore.runtime.ingest.BadIngestRequests.PROBLEMS;
import static io.stevedore.runtime.ingest.BadIngestRequests.TENANT_KEY;
import static io.stevedore.runtime.ingest.IngestClient.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.ingest.BadIngestRequests.BadRequest;
import io.stevedore.runtime.ingest.IngestClient.Post;
import io.stevedore.runtime.testing.TestTenants;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The ingest role against the machine's RabbitMQ and MariaDB: a 202 means exactly that batch is on
 * the tenant's queue, every rejected request is a problem with nothing queued, and agents read only
 * their own tenant's configuration.
 */
class IngestApiIT {
  @TempDir static Path tenantsDirectory;
  static TestTenants tenants;
  static TestTenant acme;
  static TestTenant globex;
  static TestTenant limited;
  static TestTenant unprovisioned;
  static Connection rabbit;
  static Channel channel;
  static RunningRuntime runtime;
  static IngestClient client;

  @BeforeAll
  static void start() throws Exception {
    tenants = new TestTenants(tenantsDirectory);
    acme = tenants.add("acme", 100_000);
    globex = tenants.add("globex", 100_000);
    limited = tenants.add("limited", 5);
    unprovisioned = tenants.add("unprovisioned", 100_000);
    rabbit = RabbitQueues.connect();
    channel = rabbit.createChannel();
    for (TestTenant tenant : List.of(acme, globex, limited)) {
      RabbitQueues.declare(channel, tenant);
    }
    runtime = RunningRuntime.start(ingest("amqp://127.0.0.1:5672"));
    client = new IngestClient(runtime.context);
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
  }

  @BeforeEach
  void emptyQueues() throws Exception {
    for (TestTenant tenant : List.of(acme, globex, limited)) {
      channel.queuePurge(tenant.queues().main());
    }
  }

  @Test
  void acceptedBatchIsExactlyWhatTheTenantsQueueHolds() throws Exception {
    var sent = events("thermometer-1", 3);

    var response = client.postEvents(acme.apiKey(), sent);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode answer = RunningRuntime.json(response);
    String batchId = answer.at("/batchId").asString();
    assertThat(UUID.fromString(batchId)).hasToString(batchId);
    assertThat(answer.at("/accepted").asInt()).isEqualTo(3);

    var message = channel.basicGet(acme.queues().main(), true);
    assertThat(message.getProps().getMessageId()).isEqualTo(batchId);
    assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
    assertThat(message.getProps().getContentType()).isEqualTo("application/json");
    assertThat(message.getProps().getHeaders().get(TenantQueues.TENANT_HEADER)).hasToString("acme");
    var batch = EventBatchCodec.decode(message.getBody());
    assertThat(batch.batchId()).isEqualTo(batchId);
    assertThat(batch.tenant()).isEqualTo("acme");
    assertThat(batch.namespace()).isEqualTo(acme.entry().namespace());
    assertThat(batch.events())
        .containsExactlyElementsOf(sent.stream().map(IngestApiIT::deviceEvent).toList());
    assertThat(channel.basicGet(acme.queues().main(), true)).isNull();
    assertThat(messages(globex)).isZero();
  }

  static Stream<BadRequest> badRequests() {
    return BadIngestRequests.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badInputIsAProblemAndNothingIsQueued(BadRequest bad) throws Exception {
    String key = TENANT_KEY.equals(bad.key()) ? acme.apiKey() : bad.key();

    var response = client.post(new Post(key, bad.contentType(), bad.body(), bad.chunked()));

    assertThat(response.statusCode()).isEqualTo(bad.status());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = RunningRuntime.json(response);
    // RFC 9457: a problem without a type is of type about:blank.
    assertThat(problem.path("type").asString("about:blank")).isEqualTo(bad.type());
    assertThat(problem.at("/status").asInt()).isEqualTo(bad.status());
    List<String> pointers = new ArrayList<>();
    problem.at("/errors").forEach(error -> pointers.add(error.at("/pointer").asString()));
    assertThat(pointers).containsExactlyElementsOf(bad.pointers());
    assertThat(messages(acme)).isZero();
  }

  @Test
  void malformedJsonSaysWhereItFailed() {
    var response = client.post(new Post(acme.apiKey(), "{\"events\":[{\"deviceId\":\"d1\",]}"));

    assertThat(RunningRuntime.json(response).at("/detail").asString())
        .contains("line 1, column ", "(/events/0/deviceId)");
  }

  @Test
  void tenantOverItsRateGets429WithRetryAfter() throws Exception {
    // At 5 events/s a full bucket takes a batch of 20, which leaves it 15 events (3 s) in debt.
    assertThat(client.postEvents(limited.apiKey(), events("d1", 20)).statusCode()).isEqualTo(202);

    var response = client.postEvents(limited.apiKey(), events("d2", 1));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1, 4);
    assertThat(RunningRuntime.json(response).at("/type").asString())
        .isEqualTo(PROBLEMS + "rate-limited");
    assertThat(messages(limited)).isEqualTo(1);
  }

  @Test
  void tenantWhoseQueueIsMissingGets503AndNothingIsClaimed() throws Exception {
    var response = client.postEvents(unprovisioned.apiKey(), events("d1", 2));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(RunningRuntime.json(response).at("/type").asString())
        .isEqualTo(PROBLEMS + "unavailable");

    RabbitQueues.declare(channel, unprovisioned);
    assertThat(messages(unprovisioned)).isZero();
    assertThat(client.postEvents(unprovisioned.apiKey(), events("d1", 2)).statusCode())
        .isEqualTo(202);
    assertThat(messages(unprovisioned)).isEqualTo(1);
  }

  @Test
  void unreachableBrokerMeans503AndNotReady() {
    try (var offline = RunningRuntime.start(ingest("amqp://127.0.0.1:1"))) {
      var response = new IngestClient(offline.context).postEvents(acme.apiKey(), events("d1", 1));

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      var readiness = offline.getFromManagementPort("/actuator/health/readiness");
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(RunningRuntime.json(readiness).at("/status").asString()).isEqualTo("DOWN");
      assertThat(offline.getFromManagementPort("/actuator/health/liveness").statusCode())
          .isEqualTo(200);
    }
    assertThat(runtime.getFromManagementPort("/actuator/health/readiness").statusCode())
        .isEqualTo(200);
  }

  @Test
  void agentsGetTheirTenantsConfigurationWithAnETag() {
    var jdbc = runtime.context.getBean(JdbcClient.class);
    insertConfig(jdbc, acme, "sensor-7", "{\"interval\": 10}");
    insertConfig(jdbc, globex, "sensor-7", "{\"interval\": 60}");
    insertConfig(jdbc, acme, "acme-only", "{\"interval\": 1}");

    var acmes = client.get("/v1/agents/sensor-7/config", Map.of("X-Api-Key", acme.apiKey()));
    var globexs =
        client.get(
            "/v1/agents/sensor-7/config", Map.of("Authorization", "Bearer " + globex.apiKey()));

    assertThat(acmes.statusCode()).isEqualTo(200);
    assertThat(RunningRuntime.json(acmes).at("/interval").asInt()).isEqualTo(10);
    assertThat(RunningRuntime.json(globexs).at("/interval").asInt()).isEqualTo(60);
    String etag = acmes.headers().firstValue("ETag").orElseThrow();
    assertThat(globexs.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(etag));

    var unchanged =
        client.get(
            "/v1/agents/sensor-7/config",
            Map.of("X-Api-Key", acme.apiKey(), "If-None-Match", etag));
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();

    var othersDevice =
        client.get("/v1/agents/acme-only/config", Map.of("X-Api-Key", globex.apiKey()));
    assertThat(othersDevice.statusCode()).isEqualTo(404);
    assertThat(RunningRuntime.json(othersDevice).at("/type").asString())
        .isEqualTo(PROBLEMS + "not-found");
    assertThat(client.get("/v1/agents/sensor-7/config", Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void countsEventsByTenantAndOutcome() {
    client.postEvents(globex.apiKey(), events("d1", 4));
    client.post(new Post(globex.apiKey(), "{\"events\":[{}, {}]}"));

    String metrics = runtime.getFromManagementPort("/actuator/prometheus").body();

    assertThat(metrics.lines().filter(line -> line.startsWith("stevedore_ingest_events_total")))
        .anySatisfy(line -> assertThat(line).contains("accepted", "\"globex\"").endsWith(" 4.0"))
        .anySatisfy(line -> assertThat(line).contains("rejected", "\"globex\"").endsWith(" 2.0"));
    assertThat(metrics)
        .contains(
            "stevedore_ingest_confirms_total{result=\"ack\"}",
            "stevedore_ingest_publish_latency_seconds_count{outcome=\"confirmed\"}");
    // Accepted batches skip Spring MVC, yet keep their request metrics under the endpoint's path.
    assertThat(
            metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")))
        .anySatisfy(line -> assertThat(line).contains("status=\"202\"", "uri=\"/v1/events\""));
  }

  @Test
  void unknownPathsAndMethodsAreProblems() {
    var wrongMethod = client.get("/v1/events", Map.of());
    var unknownPath = client.get("/v1/nothing-here", Map.of());

    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");
    assertThat(unknownPath.statusCode()).isEqualTo(404);
    assertThat(RunningRuntime.json(unknownPath).at("/type").asString())
        .isEqualTo(PROBLEMS + "not-found");
  }

  private static Map<String, String> ingest(String rabbitUrl) {
    return Map.of(
        "STEVEDORE_ROLE",
        "ingest",
        "STEVEDORE_TENANTS_FILE",
        tenants.file().toString(),
        "STEVEDORE_BROKER_RABBITMQ_URL",
        rabbitUrl);
  }

  private static void insertConfig(JdbcClient jdbc, TestTenant tenant, String device, String json) {
    jdbc.sql("INSERT INTO agent_config (namespace, tenant, device_id, config) VALUES (?, ?, ?, ?)")
        .params(tenant.entry().namespace(), tenant.name(), device, json)
        .update();
  }

  private static long messages(TestTenant tenant) throws Exception {
    return channel.queueDeclarePassive(tenant.queues().main()).getMessageCount();
  }

  @SuppressWarnings("unchecked") // the test's own events: payloads are maps
  private static DeviceEvent deviceEvent(Map<String, Object> json) {
    return new DeviceEvent(
        (String) json.get("deviceId"),
        (String) json.get("eventId"),
        Instant.parse((String) json.get("timestamp")),
        (String) json.get("type"),
        (Map<String, Object>) json.get("payload"));
  }
}
