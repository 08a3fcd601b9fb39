package io.stevedore.operator.environment;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.platform.PlatformDeployment;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.operator.testing.WrittenDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An Environment's lifecycle against the embedded API: create, update, invalid, delete. */
class EnvironmentReconcilerTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void createdEnvironmentGetsItsIngestDeploymentServiceAndConfigAndBecomesReady() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));

    var env = harness.awaitReady(Environment.class, ns, "staging", true, "Available");

    var client = harness.client();
    Deployment ingest =
        client.apps().deployments().inNamespace(ns).withName("staging-ingest").get();
    assertThat(ingest.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/runtime:1.0.0");
    assertThat(ingest.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo("staging"))
        .satisfies(o -> assertThat(o.getController()).isTrue());
    Service service = client.services().inNamespace(ns).withName("staging-ingest").get();
    assertThat(service.getSpec().getSelector())
        .isEqualTo(ingest.getSpec().getSelector().getMatchLabels());
    ConfigMap config = client.configMaps().inNamespace(ns).withName("staging-platform").get();
    assertThat(config.getData()).containsEntry("STEVEDORE_BROKER_TYPE", "rabbitmq");
    assertThat(env.getStatus().getRelease()).isEqualTo("1.0.0");
    assertThat(env.getStatus().getIngestUrl()).isEqualTo("http://staging-ingest." + ns + ".svc:80");
    assertThat(harness.events(ns, "staging")).anyMatch(e -> e.getReason().equals("Available"));
    assertThat(ingest.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("tenants"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getProjected().getSources().get(0).getSecret().getName())
                    .isEqualTo("staging-tenants"));
    assertThat(WrittenDirectories.ingest(harness.client(), ns, "staging").tenants()).isEmpty();
  }

  @Test
  void aShardSecretTheDirectoryNoLongerNeedsIsDeletedOnlyIfTheOperatorOwnsIt() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "shrunk"));
    var env = harness.awaitReady(Environment.class, ns, "shrunk", true, "Available");

    // Left over from when the directory had more shards, and one that is someone else's.
    harness.create(shard(ns, "shrunk-tenants-5", env));
    harness.create(shard(ns, "shrunk-tenants-6", null));

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        harness
                            .client()
                            .secrets()
                            .inNamespace(ns)
                            .withName("shrunk-tenants-5")
                            .get())
                    .isNull());
    assertThat(harness.client().secrets().inNamespace(ns).withName("shrunk-tenants-6").get())
        .isNotNull();
    assertThat(WrittenDirectories.ingest(harness.client(), ns, "shrunk").tenants()).isEmpty();
  }

  private static io.fabric8.kubernetes.api.model.Secret shard(
      String ns, String name, Environment owner) {
    var secret =
        new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .endMetadata()
            .withData(java.util.Map.of("tenants-5.json", "e30="))
            .build();
    if (owner != null) {
      secret
          .getMetadata()
          .setOwnerReferences(
              java.util.List.of(io.stevedore.operator.kube.OwnerReferences.controller(owner)));
    }
    return secret;
  }

  @Test
  void aDirectorySecretOfTheSameNameThatTheOperatorDidNotCreateIsANameConflictLeftUntouched() {
    String ns = harness.newNamespace();
    var foreign =
        new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata()
            .withName("clash-tenants")
            .withNamespace(ns)
            .endMetadata()
            .withData(java.util.Map.of("someone", "ZWxzZSdz"))
            .build();
    harness.create(foreign);

    harness.create(Fixtures.environment(ns, "clash"));

    var env = harness.awaitReady(Environment.class, ns, "clash", false, "NameConflict");
    assertThat(
            io.stevedore.operator.status.Conditions.find(
                    env.getStatus().getConditions(), io.stevedore.operator.status.Conditions.READY)
                .orElseThrow()
                .getMessage())
        .contains("Secret " + ns + "/clash-tenants");
    var secret = harness.client().secrets().inNamespace(ns).withName("clash-tenants").get();
    assertThat(secret.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(secret.getData()).containsOnlyKeys("someone");
  }

  @Test
  void newReleaseRollsTheIngestDeploymentAndIsReportedOnceRolledOut() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "prod"));
    harness.awaitReady(Environment.class, ns, "prod", true, "Available");

    harness.edit(
        Environment.class,
        ns,
        "prod",
        e -> e.getSpec().setRelease(new Release("1.1.0", "registry.example/runtime:1.1.0")));

    eventually()
        .untilAsserted(
            () -> {
              var env =
                  harness
                      .client()
                      .resources(Environment.class)
                      .inNamespace(ns)
                      .withName("prod")
                      .get();
              assertThat(env.getStatus().getRelease()).isEqualTo("1.1.0");
              var ingest =
                  harness
                      .client()
                      .apps()
                      .deployments()
                      .inNamespace(ns)
                      .withName("prod-ingest")
                      .get();
              assertThat(ingest.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .isEqualTo("registry.example/runtime:1.1.0");
            });
  }

  @Test
  void configChangeUpdatesTheConfigMapAndRollsPodsThroughTheChecksum() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "dev"));
    harness.awaitReady(Environment.class, ns, "dev", true, "Available");
    String before = checksum(ns, "dev-ingest");

    harness.edit(
        Environment.class,
        ns,
        "dev",
        e -> e.getSpec().getBroker().getRabbitmq().setUrl("amqp://other-broker:5672"));

    eventually()
        .untilAsserted(
            () -> {
              var config =
                  harness.client().configMaps().inNamespace(ns).withName("dev-platform").get();
              assertThat(config.getData())
                  .containsEntry("STEVEDORE_BROKER_RABBITMQ_URL", "amqp://other-broker:5672");
              assertThat(checksum(ns, "dev-ingest")).isNotEqualTo(before);
            });
  }

  @Test
  void invalidSpecIsReportedWithReasonAndEventAndFixingItRecovers() {
    String ns = harness.newNamespace();
    var env = Fixtures.environment(ns, "broken");
    env.getSpec().getBroker().setType(BrokerType.SQS);
    harness.create(env);

    var reported = harness.awaitReady(Environment.class, ns, "broken", false, "InvalidSpec");
    assertThat(reported.getStatus().getConditions().get(0).getMessage())
        .contains("spec.broker.sqs: required when broker.type is SQS");
    assertThat(harness.events(ns, "broken"))
        .anyMatch(e -> e.getReason().equals("InvalidSpec") && e.getType().equals("Warning"));
    assertThat(
            harness.client().apps().deployments().inNamespace(ns).withName("broken-ingest").get())
        .isNull();

    harness.edit(
        Environment.class, ns, "broken", e -> e.getSpec().getBroker().setType(BrokerType.RabbitMQ));
    harness.awaitReady(Environment.class, ns, "broken", true, "Available");
  }

  @Test
  void deletedEnvironmentStopsBeingReconciledAndLeavesOwnedChildrenToTheGarbageCollector() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "gone"));
    harness.awaitReady(Environment.class, ns, "gone", true, "Available");

    harness.client().resources(Environment.class).inNamespace(ns).withName("gone").delete();

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        harness
                            .client()
                            .resources(Environment.class)
                            .inNamespace(ns)
                            .withName("gone")
                            .get())
                    .isNull());
    // No finalizer: on a real cluster the owner references let the garbage collector remove these.
    var config = harness.client().configMaps().inNamespace(ns).withName("gone-platform").get();
    assertThat(config.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("Environment"));
  }

  private static String checksum(String ns, String deployment) {
    return harness
        .client()
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(deployment)
        .get()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(PlatformDeployment.CONFIG_CHECKSUM_ANNOTATION);
  }
}
