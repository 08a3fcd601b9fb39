package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantDefaults;
import io.stevedore.operator.api.v1alpha1.TenantSpec;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.LocalPods;
import io.stevedore.operator.testing.PlatformServices;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Configuration as code on the real platform (operator, ingest and worker processes, RabbitMQ,
 * MariaDB, DynamoDB Local): a rule edited in the Tenant changes what the worker stores, agents get
 * the declared configuration with an ETag (200, then 304), a row edited by hand in MySQL is put
 * back with an Event, and a rule a worker would refuse is refused with nothing written.
 */
class TenantConfigurationIT {
  private static final String NS =
      "config-it-" + Long.toString(Math.floorMod(System.nanoTime(), 36L * 36 * 36 * 36), 36);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theTenantIsTheSourceOfTruthForRulesAndAgentConfiguration() throws Exception {
    try (var services = new PlatformServices()) {
      try {
        exercise(services);
      } finally {
        services.deleteBrokerObjects(List.of(NS));
      }
    }
  }

  private static void exercise(PlatformServices services) throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var kubelet = new LocalKubelet(kubernetes.client(), LocalPods.settings());
        var operator =
            StevedoreOperator.start(
                kubernetes.client(),
                OperatorSettings.embedded("config-it")
                    .withHealthPort(0)
                    .withTenantResync(Duration.ofSeconds(2)),
                kubelet::managementAddress)) {
      var client = kubernetes.client();
      kubernetes.createNamespace(NS);
      services.secrets(NS, "local").forEach(secret -> client.resource(secret).create());
      var environment = services.environment(NS, "local");
      environment.getSpec().getIngest().setReplicas(1);
      environment
          .getSpec()
          .setTenantDefaults(
              yaml(
                  "{rules: [{name: no-heartbeats, drop: {types: [heartbeat]}}],"
                      + " agentConfig: {uploadSeconds: 30, gzip: true}}",
                  TenantDefaults.class));
      client.resource(environment).create();
      client.resource(Fixtures.workerPool(NS, "standard", "local", "standard")).create();
      var tenant = Fixtures.tenant(NS, "fleet", "local", "standard", "standard");
      declare(
          tenant,
          "{rules: [{name: units, rename: {from: temp, to: celsius}}],"
              + " agentConfig: {uploadSeconds: 5}}");
      client.resource(tenant).create();
      // Two runtime JVMs start first; on a loaded machine that alone can take minutes.
      await()
          .atMost(Duration.ofSeconds(240))
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(ready(client)).isTrue());
      String apiKey = apiKey(client);
      int ingestPort = kubelet.httpPorts(NS, "local-ingest").get(0);
      var applied = fleet(client).getStatus().getConfiguration();
      assertThat(applied.getRulesHash()).hasSize(64);

      // Agents: the defaults merged with the tenant's keys, then 304 while nothing changes.
      var first = agentConfig(ingestPort, apiKey, null);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("{\"gzip\":true,\"uploadSeconds\":5}");
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).isEqualTo(applied.getAgentConfigETag());
      assertThat(agentConfig(ingestPort, apiKey, etag).statusCode()).isEqualTo(304);

      // The worker stores under the declared rule, then under the edited one, without a restart.
      awaitStoredWith(ingestPort, apiKey, "celsius");
      edit(
          client,
          t ->
              declare(
                  t,
                  "{rules: [{name: units, rename: {from: temp, to: kelvin}}],"
                      + " agentConfig: {uploadSeconds: 5, gzip: false}}"));
      awaitStoredWith(ingestPort, apiKey, "kelvin");
      var changed = agentConfig(ingestPort, apiKey, etag);
      assertThat(changed.statusCode()).isEqualTo(200);
      assertThat(changed.body()).isEqualTo("{\"gzip\":false,\"uploadSeconds\":5}");
      var edited = fleet(client).getStatus().getConfiguration();
      assertThat(edited.getGeneration()).isGreaterThan(applied.getGeneration());

      // A hand edit of the MySQL row is put back by the drift check, with an Event.
      services.update(
          "UPDATE tenant_rules SET rule = ? WHERE namespace = ? AND tenant = ? AND name = ?",
          "{\"drop\":{\"types\":[\"temperature\"]}}",
          NS,
          "fleet",
          "units");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(events(client, "ConfigurationRepaired")).isNotEmpty();
                assertThat(rules(services))
                    .containsExactly(
                        "{\"drop\":{\"types\":[\"heartbeat\"]}}",
                        "{\"rename\":{\"from\":\"temp\",\"to\":\"kelvin\"}}");
              });

      // A rule a worker would refuse: Ready=False naming it, an Event, MySQL untouched.
      edit(
          client,
          t ->
              declare(
                  t,
                  "{rules: [{name: units, rename: {from: temp, to: kelvin}},"
                      + " {name: loop, rename: {from: a, to: a}}], agentConfig: {uploadSeconds: 5, gzip: false}}"));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                var readyCondition =
                    Conditions.find(fleet(client).getStatus().getConditions(), Conditions.READY)
                        .orElseThrow();
                assertThat(readyCondition.getStatus()).isEqualTo("False");
                assertThat(readyCondition.getReason()).isEqualTo("InvalidRules");
                assertThat(readyCondition.getMessage())
                    .contains("rule 'loop': rename: from and to are the same field");
                assertThat(events(client, "InvalidRules")).isNotEmpty();
              });
      assertThat(rules(services)).hasSize(2);
      assertThat(
              services.query(
                  "SELECT rules_hash FROM tenant_configuration WHERE namespace = ? AND tenant = ?",
                  NS,
                  "fleet"))
          .containsExactly(List.of(edited.getRulesHash()));
      assertThat(fleet(client).getStatus().getConfiguration().getRulesHash())
          .isEqualTo(edited.getRulesHash());
    }
  }

  /** Sends temperature events until one is stored with its `temp` renamed to {@code field}. */
  private static void awaitStoredWith(int port, String apiKey, String field) {
    String device = "thermo-" + field;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              String body =
                  """
                  {"events":[{"deviceId":"%s","eventId":"%s","timestamp":"%s","type":"temperature","payload":{"temp":21}}]}
                  """
                      .formatted(device, UUID.randomUUID(), Instant.now().minusSeconds(5));
              assertThat(PlatformDeploymentsIT.post(port, apiKey, body).statusCode())
                  .isEqualTo(202);
              var page =
                  get(
                      port,
                      apiKey,
                      "/v1/devices/" + device + "/events?from=2020-01-01T00:00:00Z",
                      null);
              assertThat(page.body()).contains("\"" + field + "\":21");
            });
  }

  private static HttpResponse<String> agentConfig(int port, String apiKey, String ifNoneMatch)
      throws Exception {
    return get(port, apiKey, "/v1/agents/truck-1/config", ifNoneMatch);
  }

  private static HttpResponse<String> get(int port, String apiKey, String path, String ifNoneMatch)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + apiKey);
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> rules(PlatformServices services) throws Exception {
    return services
        .query(
            "SELECT rule FROM tenant_rules WHERE namespace = ? AND tenant = ? ORDER BY position",
            NS,
            "fleet")
        .stream()
        .map(row -> row.get(0).replace(" ", ""))
        .toList();
  }

  private static List<Event> events(KubernetesClient client, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> "fleet".equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  /** The Tenant is Ready with its configuration, and the runtime processes passed their probes. */
  private static boolean ready(KubernetesClient client) {
    var status = fleet(client).getStatus();
    return Conditions.isTrue(status.getConditions(), Conditions.READY)
        && status.getConfiguration() != null
        && Conditions.isTrue(
            client
                .resources(Environment.class)
                .inNamespace(NS)
                .withName("local")
                .get()
                .getStatus()
                .getConditions(),
            Conditions.READY)
        && Conditions.isTrue(
            client
                .resources(WorkerPool.class)
                .inNamespace(NS)
                .withName("standard")
                .get()
                .getStatus()
                .getConditions(),
            Conditions.READY);
  }

  private static Tenant fleet(KubernetesClient client) {
    return client.resources(Tenant.class).inNamespace(NS).withName("fleet").get();
  }

  private static void edit(KubernetesClient client, UnaryOperator<Tenant> change) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              client.resource(change.apply(fleet(client))).update();
              return true;
            });
  }

  private static Tenant declare(Tenant tenant, String specYaml) {
    var spec = yaml(specYaml, TenantSpec.class);
    tenant.getSpec().setRules(spec.getRules());
    tenant.getSpec().setAgentConfig(spec.getAgentConfig());
    return tenant;
  }

  private static String apiKey(KubernetesClient client) {
    return new String(
        Base64.getDecoder()
            .decode(
                client
                    .secrets()
                    .inNamespace(NS)
                    .withName("tenant-fleet")
                    .get()
                    .getData()
                    .get("apiKey")),
        StandardCharsets.UTF_8);
  }

  private static <T> T yaml(String yaml, Class<T> type) {
    try {
      return YAML.readValue(yaml, type);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
