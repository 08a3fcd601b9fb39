package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.broker.LocalRabbit;
import io.stevedore.operator.status.Conditions;
import io.stevedore.operator.status.ReconciliationPause;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provisioned tenant over time: drift repaired by the periodic resync, credentials rotated, dead
 * letters redriven.
 */
class TenantLifecycleIT {
  @RegisterExtension static final OperatorHarness harness = OperatorHarness.withPlatformServices();

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void queueTableConfigAndBrokerUserDeletedOutOfBandAreRecreatedWithAWarningEvent()
      throws Exception {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    var services = harness.services();
    TenantQueues queues = TenantQueues.of(ns, "acme");
    String table = RecordTable.name("staging-", ns, "acme");
    String user = tenants.get(ns, "acme").getStatus().getBrokerUser();

    services.rabbit(channel -> channel.queueDelete(queues.main()));
    services.rabbit(channel -> channel.queueDelete(queues.retries().get(1)));
    services.dynamo().deleteTable(r -> r.tableName(table));
    services.update("DELETE FROM tenants WHERE namespace = ? AND tenant = ?", ns, "acme");
    services.update("DELETE FROM tenant_rules WHERE namespace = ? AND tenant = ?", ns, "acme");
    deleteBrokerUser(user);

    // Nothing touches the Tenant: the periodic drift check finds and repairs all of it.
    eventually()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(services.queueExists(queues.main())).isTrue();
              assertThat(services.queueExists(queues.retries().get(1))).isTrue();
              assertThat(services.dynamo().describeTable(r -> r.tableName(table)).table())
                  .isNotNull();
              assertThat(
                      services.query(
                          "SELECT rule FROM tenant_rules WHERE namespace = ? AND tenant = ?",
                          ns,
                          "acme"))
                  .isNotEmpty();
              assertThat(services.management("/api/users/" + encode(user))).isNotNull();
            });
    eventually()
        .untilAsserted(
            () ->
                assertThat(harness.events(ns, "acme"))
                    .anySatisfy(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getReason()).isEqualTo("DriftRepaired");
                          assertThat(e.getMessage()).contains("queue " + queues.main());
                        }));
    var repairs =
        harness.events(ns, "acme").stream()
            .filter(e -> e.getReason().equals("DriftRepaired"))
            .map(e -> e.getMessage())
            .toList();
    assertThat(String.join(" ", repairs))
        .contains(
            queues.retries().get(1), "DynamoDB table " + table, "MySQL", "broker user " + user);
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
  }

  @Test
  void aPausedTenantIsNotRepairedUntilItsReconciliationResumes() throws Exception {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "paused", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "paused", true, "Provisioned");
    TenantQueues queues = TenantQueues.of(ns, "paused");
    var services = harness.services();

    tenants.annotate(ns, "paused", ReconciliationPause.ANNOTATION, "true");
    eventually()
        .untilAsserted(
            () -> {
              var conditions = tenants.get(ns, "paused").getStatus().getConditions();
              assertThat(Conditions.isTrue(conditions, ReconciliationPause.CONDITION)).isTrue();
              assertThat(Conditions.isTrue(conditions, Conditions.READY)).isTrue();
            });
    services.rabbit(channel -> channel.queueDelete(queues.main()));

    // Several drift checks (every 3 s here) pass and leave it alone.
    eventually()
        .during(Duration.ofSeconds(7))
        .atMost(Duration.ofSeconds(10))
        .until(() -> !services.queueExists(queues.main()));

    tenants.edit(
        ns,
        "paused",
        t -> {
          t.getMetadata().getAnnotations().remove(ReconciliationPause.ANNOTATION);
          return t;
        });
    eventually()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(services.queueExists(queues.main())).isTrue();
              assertThat(
                      Conditions.find(
                          tenants.get(ns, "paused").getStatus().getConditions(),
                          ReconciliationPause.CONDITION))
                  .isEmpty();
            });
    assertThat(harness.events(ns, "paused"))
        .extracting(e -> e.getReason())
        .contains(ReconciliationPause.CONDITION, "ReconciliationResumed", "DriftRepaired");
  }

  @Test
  void editedRulesAreNeverOverwrittenByTheOperator() throws Exception {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    var services = harness.services();
    services.update("DELETE FROM tenant_rules WHERE namespace = ? AND tenant = ?", ns, "acme");
    services.update(
        "INSERT INTO tenant_rules (namespace, tenant, position, rule) VALUES (?, ?, 1, ?)",
        ns,
        "acme",
        "{\"keep\":{\"types\":[\"location\"]}}");

    tenants.annotate(ns, "acme", "example.com/touched", Instant.now().toString());
    // Several resyncs later the person's rule is still the only one.
    eventually()
        .pollDelay(Duration.ofSeconds(4))
        .untilAsserted(
            () ->
                assertThat(tenants.get(ns, "acme").getStatus().getObservedGeneration())
                    .isNotNull());
    assertThat(
            services.query(
                "SELECT rule FROM tenant_rules WHERE namespace = ? AND tenant = ?", ns, "acme"))
        .extracting(row -> row.get(0).replace(" ", ""))
        .containsExactly("{\"keep\":{\"types\":[\"location\"]}}");
  }

  @Test
  void rotationIssuesNewCredentialsWhileThePreviousOnesWorkUntilTheOverlapEnds() throws Exception {
    String ns = harness.platformNamespace();
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().getCredentials().setOverlapSeconds(4);
    harness.create(tenant);
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    var before = tenants.credentials(ns, "acme");

    tenants.annotate(ns, "acme", TenantSecret.ROTATE_ANNOTATION, "2026-01-rotation");

    eventually()
        .untilAsserted(
            () -> {
              var during = tenants.credentials(ns, "acme");
              assertThat(during.apiKey()).isNotEqualTo(before.apiKey());
              assertThat(during.previousApiKey()).isEqualTo(before.apiKey());
              assertThat(during.brokerUsername()).isNotEqualTo(before.brokerUsername());
              assertThat(tenants.ingestDirectory(ns, "staging").tenants().get(0).apiKeySha256())
                  .containsExactly(
                      ApiKeyDigest.sha256(during.apiKey()), ApiKeyDigest.sha256(before.apiKey()));
              assertThat(
                      harness
                          .services()
                          .management("/api/users/" + encode(during.brokerUsername())))
                  .isNotNull();
            });
    assertThat(harness.services().management("/api/users/" + encode(before.brokerUsername())))
        .as("the previous broker user works during the overlap")
        .isNotNull();
    eventually()
        .untilAsserted(
            () -> {
              var status = tenants.get(ns, "acme").getStatus().getCredentials();
              assertThat(status.getRotationToken()).isEqualTo("2026-01-rotation");
              assertThat(status.getRotatedAt()).isNotNull();
            });
    assertThat(harness.events(ns, "acme"))
        .anyMatch(e -> e.getReason().equals("CredentialsRotated"));
    var rotated = tenants.credentials(ns, "acme");

    eventually()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var after = tenants.credentials(ns, "acme");
              assertThat(after.previousApiKey()).isNull();
              assertThat(tenants.ingestDirectory(ns, "staging").tenants().get(0).apiKeySha256())
                  .containsExactly(ApiKeyDigest.sha256(rotated.apiKey()));
              assertThat(
                      harness
                          .services()
                          .management("/api/users/" + encode(before.brokerUsername())))
                  .isNull();
            });
    assertThat(tenants.credentials(ns, "acme").apiKey()).isEqualTo(rotated.apiKey());
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        tenants
                            .get(ns, "acme")
                            .getStatus()
                            .getCredentials()
                            .getPreviousValidUntil())
                    .isNull());
    assertThat(harness.events(ns, "acme"))
        .anyMatch(e -> e.getReason().equals("PreviousCredentialsRevoked"));

    // The same token again rotates nothing.
    tenants.annotate(ns, "acme", "example.com/touched", "yes");
    eventually()
        .pollDelay(Duration.ofSeconds(1))
        .untilAsserted(
            () -> assertThat(tenants.credentials(ns, "acme").apiKey()).isEqualTo(rotated.apiKey()));
  }

  @Test
  void deadLettersRedriveOnceToTheMainQueueAndTheSameTokenAgainMovesNothing() throws Exception {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    TenantQueues queues = TenantQueues.of(ns, "acme");
    // More than one batch, so the redrive goes on over several reconciliations.
    int deadLetters = DeadLetterRedriver.BATCH * 2 + 200;
    LocalRabbit.publish(queues.deadLetter(), deadLetters);

    tenants.annotate(ns, "acme", RedriveRequest.ANNOTATION, "r1");

    eventually()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var redrive = tenants.get(ns, "acme").getStatus().getRedrive();
              assertThat(redrive.getToken()).isEqualTo("r1");
              assertThat(redrive.getFinishedAt()).isNotNull();
              assertThat(redrive.getMoved()).isEqualTo(deadLetters);
              assertThat(redrive.getRemaining()).isZero();
            });
    assertThat(ready(queues.main())).isEqualTo(deadLetters);
    assertThat(ready(queues.deadLetter())).isZero();
    var condition =
        Conditions.find(
                tenants.get(ns, "acme").getStatus().getConditions(), DeadLetterRedriver.CONDITION)
            .orElseThrow();
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("Finished");
    assertThat(harness.events(ns, "acme"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("DeadLettersRedriven");
              assertThat(e.getMessage()).contains("moved " + deadLetters + " dead letters");
            });

    // New dead letters, and the operator looks again: the finished token moves nothing.
    LocalRabbit.publish(queues.deadLetter(), 3);
    tenants.annotate(ns, "acme", "example.com/touched", "yes");
    eventually()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(ready(queues.deadLetter())).isEqualTo(3);
              assertThat(tenants.get(ns, "acme").getStatus().getRedrive().getMoved())
                  .isEqualTo(deadLetters);
            });

    tenants.annotate(ns, "acme", RedriveRequest.ANNOTATION, "r2");

    eventually()
        .untilAsserted(
            () -> {
              var redrive = tenants.get(ns, "acme").getStatus().getRedrive();
              assertThat(redrive.getToken()).isEqualTo("r2");
              assertThat(redrive.getMoved()).isEqualTo(3);
              assertThat(redrive.getFinishedAt()).isNotNull();
            });
    assertThat(ready(queues.main())).isEqualTo(deadLetters + 3);
  }

  private long ready(String queue) throws Exception {
    return harness
        .services()
        .rabbit(channel -> channel.queueDeclarePassive(queue).getMessageCount());
  }

  private void deleteBrokerUser(String user) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    http.send(
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    io.stevedore.operator.testing.PlatformServices.RABBIT_MANAGEMENT
                        + "/api/users/"
                        + encode(user)))
            .header(
                "Authorization",
                io.stevedore.operator.testing.PlatformServices.basic("guest", "guest"))
            .DELETE()
            .build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
  }

  private static String encode(String user) {
    return java.net.URLEncoder.encode(user, StandardCharsets.UTF_8);
  }
}
