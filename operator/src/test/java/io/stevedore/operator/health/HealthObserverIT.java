package io.stevedore.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.stevedore.contract.SqsQueueNames;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.HealthGates;
import io.stevedore.operator.api.v1alpha1.ShippedManifests;
import io.stevedore.operator.api.v1alpha1.SqsSpec;
import io.stevedore.operator.broker.LocalRabbit;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.ManualClock;
import io.stevedore.sandbox.aws.LocalSqs;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.faults.TcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health measured from the real services: RabbitMQ's and SQS's dead-letter queues, pods' metrics.
 */
class HealthObserverIT {
  private static EmbeddedKubernetes kubernetes;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final String ns = "health-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<TenantQueues> declared = new ArrayList<>();
  private PlatformClients platform;

  @BeforeAll
  static void api() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    kubernetes = EmbeddedKubernetes.start(0, ShippedManifests.crds());
  }

  @AfterAll
  static void stop() {
    kubernetes.close();
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (platform != null) {
      platform.close();
    }
    for (var queues : declared) {
      LocalRabbit.deleteTenantQueues(queues);
    }
  }

  @Test
  void deadLetterGrowthIsMeasuredFromTheBrokerPerTenant() throws Exception {
    var environment = rabbitEnvironment("staging", "acme", "globex", "unprovisioned");
    declare("acme");
    declare("globex");
    var observer = observer(pod -> java.util.Optional.empty());
    var gates = deadLetterGates();
    Instant start = clock.instant();

    var first = observer.observe(environment, gates, start).deadLetters();
    LocalRabbit.publish(TenantQueues.of(ns, "acme").deadLetter(), 4);
    LocalRabbit.publish(TenantQueues.of(ns, "globex").deadLetter(), 1);
    clock.advance(Duration.ofSeconds(10));
    var second = observer.observe(environment, gates, start).deadLetters();

    assertThat(first.unavailable()).isNull();
    assertThat(first.increase()).isZero();
    assertThat(second.increase()).isEqualTo(5);
    assertThat(second.span()).isEqualTo(Duration.ofSeconds(10));
    assertThat(second.detail())
        .startsWith("acme +4, globex +1")
        .contains("no dead-letter queue for unprovisioned");
  }

  @Test
  void aBrokerThatCannotBeReachedMakesTheReadingUnavailableNotZero() throws Exception {
    try (var proxy = TcpProxy.to("127.0.0.1", 5672)) {
      var environment = rabbitEnvironment("staging", "acme");
      environment.getSpec().getBroker().getRabbitmq().setUrl("amqp://127.0.0.1:" + proxy.port());
      declare("acme");
      var observer = observer(pod -> java.util.Optional.empty());
      assertThat(
              observer
                  .observe(environment, deadLetterGates(), clock.instant())
                  .deadLetters()
                  .unavailable())
          .isNull();

      proxy.refuse();
      clock.advance(Duration.ofSeconds(1));
      var reading = observer.observe(environment, deadLetterGates(), clock.instant()).deadLetters();

      assertThat(reading.unavailable()).startsWith("broker:");
    }
  }

  @Test
  void missingCredentialsMakeTheReadingUnavailable() throws Exception {
    var environment = Fixtures.environment(ns, "nosecret");
    Fixtures.onLocalRabbit(environment);
    kubernetes.createNamespace(ns);
    var observer = observer(pod -> java.util.Optional.empty());

    var reading = observer.observe(environment, deadLetterGates(), clock.instant()).deadLetters();

    assertThat(reading.unavailable())
        .contains("Secret 'nosecret-rabbitmq'")
        .contains("does not exist");
  }

  @Test
  void deadLetterGrowthIsMeasuredOnSqs() {
    try (var localSqs = LocalSqs.start()) {
      var sqs = localSqs.client();
      var environment = Fixtures.environment(ns, "sqs");
      var broker = environment.getSpec().getBroker();
      broker.setType(BrokerType.SQS);
      broker.setRabbitmq(null);
      var sqsSpec = new SqsSpec();
      sqsSpec.setRegion("eu-west-1");
      sqsSpec.setEndpoint(localSqs.endpoint());
      broker.setSqs(sqsSpec);
      kubernetes.createNamespace(ns);
      tenant("acme", "sqs");
      String dlq = SqsQueueNames.of(ns, "acme").deadLetter();
      String url = sqs.createQueue(r -> r.queueName(dlq)).queueUrl();
      var observer = observer(pod -> java.util.Optional.empty());
      observer.observe(environment, deadLetterGates(), clock.instant());

      for (int i = 0; i < 3; i++) {
        int n = i;
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("dead " + n));
      }
      clock.advance(Duration.ofSeconds(5));
      var reading =
          observer
              .observe(environment, deadLetterGates(), clock.instant().minusSeconds(5))
              .deadLetters();

      assertThat(reading.unavailable()).isNull();
      assertThat(reading.increase()).isEqualTo(3);
    }
  }

  @Test
  void ingestErrorsAreScrapedFromPodsWithAnAddressAndClientErrorsDoNotCount() throws Exception {
    kubernetes.createNamespace(ns);
    var environment = Fixtures.environment(ns, "prod");
    try (var metrics = new MicrometerIngestMetrics()) {
      ingestPod("prod-ingest-a", "10.0.0.1");
      ingestPod("prod-ingest-b", null); // scheduled, no address yet
      metrics.events("acme", "accepted", 100);
      var observer = observer(metrics.addresses());
      var gates = new HealthGates();
      gates.setMaxIngestErrorRatio(0.01);
      Instant start = clock.instant();
      observer.observe(environment, gates, start);

      metrics.events("acme", "accepted", 90);
      metrics.events("acme", "unavailable", 10);
      metrics.events("acme", "rejected", 500);
      metrics.events("acme", "rate_limited", 50);
      clock.advance(Duration.ofSeconds(30));
      var reading = observer.observe(environment, gates, start).ingestErrors();

      assertThat(reading.unavailable()).isNull();
      assertThat(reading.errors()).isEqualTo(10);
      assertThat(reading.total()).isEqualTo(100);
      assertThat(reading.span()).isEqualTo(Duration.ofSeconds(30));
      assertThat(reading.detail()).isEqualTo("1 pods without an address not measured");
    }
  }

  @Test
  void aPodWithAnAddressThatDoesNotAnswerMakesTheReadingUnavailable() throws Exception {
    kubernetes.createNamespace(ns);
    var environment = Fixtures.environment(ns, "prod");
    ingestPod("prod-ingest-a", "10.0.0.1");
    var metrics = new MicrometerIngestMetrics();
    var addresses = metrics.addresses();
    metrics.close();
    var gates = new HealthGates();
    gates.setMaxIngestErrorRatio(0.01);

    var reading = observer(addresses).observe(environment, gates, clock.instant()).ingestErrors();

    assertThat(reading.unavailable()).contains("prod-ingest-a did not answer");
  }

  @Test
  void backlogAgeIsReadFromTheWorkerPoolStatusAndAPoolWithoutItIsUnmeasured() {
    kubernetes.createNamespace(ns);
    var environment = Fixtures.environment(ns, "prod");
    pool("standard", Map.of("tenantCount", 2, "scaling", Map.of("oldestMessageAgeSeconds", 42)));
    pool("premium", Map.of("tenantCount", 1));
    pool("idle", Map.of("tenantCount", 0));
    var gates = new HealthGates();
    gates.setMaxBacklogAgeSeconds(60);

    var backlog =
        observer(pod -> java.util.Optional.empty())
            .observe(environment, gates, clock.instant())
            .backlog();

    assertThat(backlog.ageSecondsByPool()).containsOnly(Map.entry("standard", 42L));
    assertThat(backlog.unmeasuredPools()).containsExactly("premium");
  }

  private HealthObserver observer(io.stevedore.operator.kube.PodAddresses addresses) {
    platform = new PlatformClients(kubernetes.client(), "HealthObserverIT", addresses, clock);
    return new HealthObserver(kubernetes.client(), platform, clock);
  }

  private Environment rabbitEnvironment(String name, String... tenants) {
    kubernetes.createNamespace(ns);
    var environment = Fixtures.environment(ns, name);
    kubernetes.client().resource(Fixtures.onLocalRabbit(environment)).create();
    for (String tenant : tenants) {
      tenant(tenant, name);
    }
    return environment;
  }

  private void tenant(String name, String environment) {
    kubernetes
        .client()
        .resource(Fixtures.tenant(ns, name, environment, "standard", "standard"))
        .create();
  }

  private void declare(String tenant) throws Exception {
    var queues = TenantQueues.of(ns, tenant);
    LocalRabbit.declareTenantQueues(queues);
    declared.add(queues);
  }

  private void ingestPod(String name, String ip) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .withLabels(Labels.selector("ingest", "prod-ingest"))
            .endMetadata()
            .withNewStatus()
            .withPodIP(ip)
            .withStartTime("2025-12-31T00:00:00Z")
            .endStatus()
            .build();
    kubernetes.client().resource(pod).create();
  }

  private void pool(String name, Map<String, Object> status) {
    var pool = new GenericKubernetesResource();
    pool.setApiVersion("stevedore.io/v1alpha1");
    pool.setKind("WorkerPool");
    pool.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(ns)
            .build());
    pool.setAdditionalProperties(
        new java.util.HashMap<>(
            Map.of("spec", Map.of("environment", "prod", "tenantSelector", Map.of()))));
    var created = kubernetes.client().resource(pool).create();
    // The status subresource is written apart from the object, as the pool's controller does.
    created.setAdditionalProperty("status", status);
    kubernetes.client().resource(created).updateStatus();
  }

  private static HealthGates deadLetterGates() {
    var gates = new HealthGates();
    gates.setMaxDeadLetterRatePerMinute(1.0);
    return gates;
  }
}
