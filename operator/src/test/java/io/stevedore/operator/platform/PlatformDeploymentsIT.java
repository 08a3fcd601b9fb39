package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stevedore.operator.OperatorSettings;
import io.stevedore.operator.StevedoreOperator;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.monitoring.MonitoringCatalog;
import io.stevedore.operator.monitoring.PrometheusScrape;
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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Deployments the operator makes really run the platform: the runtime jar, started as a pod
 * with exactly the pod template's configuration (ConfigMap, Secrets, mounted tenant directory),
 * becomes ready in its role, ingests a tenant's events and its workers store them.
 */
class PlatformDeploymentsIT {
  private static final String NS =
      "platform-it-" + Long.toString(Math.floorMod(System.nanoTime(), 36L * 36 * 36 * 36), 36);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void ingestAndWorkerDeploymentsRunTheRuntimeAndCarryATenantsEventsToItsTable() throws Exception {
    try (var services = new PlatformServices()) {
      try {
        carryATenantsEventThroughThePlatform(services);
      } finally {
        // Once the operator has stopped: while it runs, it repairs what is deleted.
        services.deleteBrokerObjects(List.of(NS));
      }
    }
  }

  private static void carryATenantsEventThroughThePlatform(PlatformServices services)
      throws Exception {
    try (var kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
        var kubelet = new LocalKubelet(kubernetes.client(), LocalPods.settings());
        var operator =
            StevedoreOperator.start(
                kubernetes.client(),
                OperatorSettings.embedded("platform-it").withHealthPort(0),
                kubelet::managementAddress)) {
      var client = kubernetes.client();
      kubernetes.createNamespace(NS);
      // Only the Environment's own Secrets: queues, table, rules and the tenant's Secret are the
      // operator's to provision.
      services.secrets(NS, "local").forEach(secret -> client.resource(secret).create());
      var environment = services.environment(NS, "local");
      environment.getSpec().getIngest().setReplicas(1);
      client.resource(environment).create();
      client.resource(Fixtures.workerPool(NS, "standard", "local", "standard")).create();
      client.resource(Fixtures.tenant(NS, "acme", "local", "standard", "standard")).create();
      // Ready now means: the runtime processes passed their real readiness probes.
      await()
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(
                        ready(
                            client
                                .resources(Environment.class)
                                .inNamespace(NS)
                                .withName("local")
                                .get()
                                .getStatus()
                                .getConditions()))
                    .isTrue();
                assertThat(
                        ready(
                            client
                                .resources(WorkerPool.class)
                                .inNamespace(NS)
                                .withName("standard")
                                .get()
                                .getStatus()
                                .getConditions()))
                    .isTrue();
                assertThat(
                        ready(
                            client
                                .resources(Tenant.class)
                                .inNamespace(NS)
                                .withName("acme")
                                .get()
                                .getStatus()
                                .getConditions()))
                    .isTrue();
              });
      // A row that is not a rule, as a broken rule editor would write it: workers count it.
      services.update(
          "INSERT INTO tenant_rules (namespace, tenant, position, rule) VALUES (?, ?, ?, ?)",
          NS,
          "acme",
          99,
          "{\"not\":\"a rule\"}");
      String apiKey =
          new String(
              Base64.getDecoder()
                  .decode(
                      client
                          .secrets()
                          .inNamespace(NS)
                          .withName("tenant-acme")
                          .get()
                          .getData()
                          .get("apiKey")),
              StandardCharsets.UTF_8);
      int ingestPort = kubelet.httpPorts(NS, "local-ingest").get(0);
      String body =
          """
          {"events":[{"deviceId":"truck-7","eventId":"e-1","timestamp":"%s","type":"location","payload":{"latitude":52.37,"longitude":4.89}}]}
          """
              .formatted(Instant.now().minusSeconds(5));

      // The tenant directory reaches ingest through the mounted Secret, refreshed in place.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(post(ingestPort, apiKey, body).statusCode()).isEqualTo(202));

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                var page =
                    get(ingestPort, apiKey, "/v1/devices/truck-7/events?from=2020-01-01T00:00:00Z");
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("\"eventId\":\"e-1\"");
              });

      // The autoscaler reached the worker's pod and measured its throughput from it: a capacity
      // sample needs 50 ms of the worker's busy time, so keep it busy until then.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(post(ingestPort, apiKey, batch(100)).statusCode()).isEqualTo(202);
                var scaling =
                    client
                        .resources(WorkerPool.class)
                        .inNamespace(NS)
                        .withName("standard")
                        .get()
                        .getStatus()
                        .getScaling();
                assertThat(scaling.getThroughputSource()).isEqualTo("Measured");
              });
      assertThat(
              client
                  .pods()
                  .inNamespace(NS)
                  .withLabel("stevedore.io/worker-pool", "standard")
                  .list()
                  .getItems())
          .singleElement()
          .satisfies(pod -> assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1"));

      everyMetricTheChartNamesIsScraped(client, kubelet, operator, ingestPort, apiKey);
    }
  }

  /**
   * The Helm chart's alerts and dashboards name only metrics that the operator, ingest and the
   * workers really expose (a promotion is reconciled first: its outcomes exist from then on).
   */
  private static void everyMetricTheChartNamesIsScraped(
      io.fabric8.kubernetes.client.KubernetesClient client,
      LocalKubelet kubelet,
      StevedoreOperator operator,
      int ingestPort,
      String apiKey) {
    client
        .resource(Fixtures.promotion(NS, "to-nowhere", "absent", Fixtures.release("9.9.9")))
        .create();
    Set<String> named = MonitoringCatalog.scrapedMetricNames();
    assertThat(named)
        .contains(
            "stevedore_operator_leader",
            "stevedore_worker_events_total",
            "stevedore_worker_queue_wait_seconds_bucket",
            "stevedore_worker_queue_wait_seconds_count");
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              // Keeps the worker busy, so that it reloads the tenant's rules within their TTL.
              assertThat(post(ingestPort, apiKey, batch(10)).statusCode()).isEqualTo(202);
              Set<String> scraped =
                  new TreeSet<>(
                      PrometheusScrape.sampleNames(
                          URI.create("http://127.0.0.1:" + operator.healthPort() + "/metrics")));
              for (var pod : client.pods().inNamespace(NS).list().getItems()) {
                URI management = kubelet.managementAddress(pod).orElseThrow();
                scraped.addAll(
                    PrometheusScrape.sampleNames(management.resolve("/actuator/prometheus")));
              }
              assertThat(named).as("metrics the chart names").isSubsetOf(scraped);
            });
  }

  private static boolean ready(List<io.fabric8.kubernetes.api.model.Condition> conditions) {
    return Conditions.isTrue(conditions, Conditions.READY);
  }

  /** {@code count} events of another device, each with an id of its own. */
  private static String batch(int count) {
    var events = new java.util.StringJoiner(",", "{\"events\":[", "]}");
    String at = Instant.now().minusSeconds(5).toString();
    for (int i = 0; i < count; i++) {
      events.add(
          """
          {"deviceId":"truck-8","eventId":"%s","timestamp":"%s","type":"location","payload":{"latitude":52.37,"longitude":4.89}}"""
              .formatted(java.util.UUID.randomUUID(), at));
    }
    return events.toString();
  }

  static HttpResponse<String> post(int port, String apiKey, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(int port, String apiKey, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + apiKey)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
