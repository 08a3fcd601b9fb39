package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.RabbitQueueType;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.broker.RabbitTenantQueues;
import io.stevedore.operator.status.ReconciliationPause;
import io.stevedore.operator.storage.TenantConfigStore;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.operator.testing.PlatformServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Onboarding: one Tenant CR makes everything a tenant needs, on the real services. */
class TenantProvisioningIT {
  @RegisterExtension static final OperatorHarness harness = OperatorHarness.withPlatformServices();

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void tenantGetsQueuesTableRulesSecretAndBrokerUserAndEachStepReportsItsCondition()
      throws Exception {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));

    Tenant tenant = harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");

    for (String condition :
        List.of("SecretReady", "QueuesReady", "BrokerUserReady", "TableReady", "ConfigReady")) {
      assertThat(tenants.condition(ns, "acme", condition).getStatus())
          .as(condition)
          .isEqualTo("True");
    }
    assertThat(tenants.condition(ns, "acme", "Suspended").getStatus()).isEqualTo("False");
    var status = tenant.getStatus();
    TenantQueues queues = TenantQueues.of(ns, "acme");
    assertThat(status.getQueue()).isEqualTo(queues.main());
    assertThat(status.getTable()).isEqualTo(RecordTable.name("staging-", ns, "acme"));
    assertThat(status.getQueuesProvisioned()).isTrue();
    assertThat(status.getBrokerUser()).isEqualTo(queues.main() + ".a");

    var services = harness.services();
    var main = services.management("/api/queues/%2F/" + queues.main());
    assertThat(main.path("durable").asBoolean()).isTrue();
    assertThat(main.path("type").asText()).isEqualTo("quorum");
    assertThat(main.path("arguments").path("x-delivery-limit").asInt())
        .isEqualTo(RabbitQueueSettings.DEFAULT_DELIVERY_LIMIT);
    assertThat(tenants.condition(ns, "acme", "QueuesReady").getMessage())
        .endsWith("as quorum queues (delivery limit 20)");
    assertThat(services.management("/api/queues/%2F/" + queues.deadLetter())).isNotNull();
    for (int i = 0; i < queues.retries().size(); i++) {
      var retry = services.management("/api/queues/%2F/" + queues.retries().get(i));
      assertThat(retry.path("arguments").path("x-message-ttl").asLong())
          .isEqualTo(TenantQueues.RETRY_DELAYS.get(i).toMillis());
      assertThat(retry.path("arguments").path("x-dead-letter-routing-key").asText())
          .isEqualTo(queues.main());
    }
    var table = services.dynamo().describeTable(r -> r.tableName(status.getTable())).table();
    assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(
            services
                .dynamo()
                .describeTimeToLive(r -> r.tableName(status.getTable()))
                .timeToLiveDescription())
        .satisfies(
            ttl -> {
              assertThat(ttl.attributeName()).isEqualTo(RecordTable.EXPIRES_AT);
              assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            });
    assertThat(
            services.query(
                "SELECT position, rule FROM tenant_rules WHERE namespace = ? AND tenant = ?",
                ns,
                "acme"))
        .extracting(row -> row.get(1).replace(" ", ""))
        .containsExactlyElementsOf(TenantConfigStore.DEFAULT_RULES);

    var credentials = tenants.credentials(ns, "acme");
    assertThat(credentials.apiKey()).startsWith("stv_");
    assertThat(credentials.brokerUsername()).isEqualTo(status.getBrokerUser());
    String everything = Serialization.asJson(tenants.get(ns, "acme"));
    assertThat(everything)
        .doesNotContain(credentials.apiKey())
        .doesNotContain(credentials.brokerPassword());
    assertThat(harness.events(ns, "acme"))
        .allSatisfy(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(credentials.apiKey())
                    .doesNotContain(credentials.brokerPassword()));
  }

  @Test
  void tenantsBrokerUserMayConsumeItsOwnQueuesAndNothingElse() throws Exception {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
    harness.create(Fixtures.tenant(ns, "globex", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    harness.awaitReady(Tenant.class, ns, "globex", true, "Provisioned");
    TenantQueues acme = TenantQueues.of(ns, "acme");
    TenantQueues globex = TenantQueues.of(ns, "globex");
    harness
        .services()
        .rabbit(
            channel -> {
              channel.basicPublish("", acme.main(), null, "for acme".getBytes());
              channel.basicPublish("", acme.deadLetter(), null, "failed".getBytes());
              return null;
            });
    var credentials = tenants.credentials(ns, "acme");
    var factory = new ConnectionFactory();
    factory.setUri(PlatformServices.RABBIT_URL);
    factory.setUsername(credentials.brokerUsername());
    factory.setPassword(credentials.brokerPassword());
    factory.setAutomaticRecoveryEnabled(false);

    try (var connection = factory.newConnection("acme-tenant-test")) {
      eventually()
          .untilAsserted(
              () -> {
                try (var channel = connection.createChannel()) {
                  assertThat(channel.basicGet(acme.main(), true)).isNotNull();
                }
              });
      try (var channel = connection.createChannel()) {
        assertThat(channel.basicGet(acme.deadLetter(), true)).isNotNull();
      }
      assertRefused(() -> connection.createChannel().basicGet(globex.main(), true));
      assertRefused(() -> connection.createChannel().queueDelete(acme.main()));
      assertRefused(
          () -> {
            var channel = connection.createChannel();
            channel.confirmSelect();
            channel.basicPublish("", globex.main(), null, "intruder".getBytes());
            channel.waitForConfirmsOrDie(5_000);
          });
    }
    assertThat(harness.services().queueExists(acme.main())).isTrue();
  }

  private interface BrokerCall {
    void run() throws Exception;
  }

  private static void assertRefused(BrokerCall call) {
    assertThatThrownBy(call::run)
        .satisfies(
            e ->
                assertThat(String.valueOf(e) + e.getCause())
                    .containsIgnoringCase("ACCESS_REFUSED"));
  }

  @Test
  void queuesThatExistAsClassicQueuesAreKeptWithTheirMessagesAndTheTenantIsReady()
      throws Exception {
    String ns = harness.platformNamespace();
    TenantQueues queues = TenantQueues.of(ns, "legacy");
    var services = harness.services();
    declareClassicQueuesHoldingOneMessage(services, queues);

    createAsProvisionedBefore(ns, "legacy");

    harness.awaitReady(Tenant.class, ns, "legacy", true, "Provisioned");
    assertThat(tenants.condition(ns, "legacy", "QueuesReady").getMessage())
        .contains("as classic queues, kept as they existed");
    assertThat(services.management("/api/queues/%2F/" + queues.main()).path("type").asText())
        .isEqualTo("classic");
    assertThat(
            services
                .rabbit(channel -> channel.queueDeclarePassive(queues.main()))
                .getMessageCount())
        .isEqualTo(1);
  }

  @Test
  void anEnvironmentThatOptsIntoClassicQueuesGetsThem() throws Exception {
    String ns = harness.platformNamespace();
    // Retried: the operator's status writes can get there first (409 on a stale resourceVersion).
    OperatorHarness.eventually()
        .until(
            () -> {
              harness
                  .client()
                  .resources(Environment.class)
                  .inNamespace(ns)
                  .withName("staging")
                  .edit(
                      e -> {
                        e.getSpec().getBroker().getRabbitmq().setQueueType(RabbitQueueType.Classic);
                        return e;
                      });
              return true;
            });

    harness.create(Fixtures.tenant(ns, "plain", "staging", "standard", "standard"));

    harness.awaitReady(Tenant.class, ns, "plain", true, "Provisioned");
    TenantQueues queues = TenantQueues.of(ns, "plain");
    var main = harness.services().management("/api/queues/%2F/" + queues.main());
    assertThat(main.path("type").asText()).isEqualTo("classic");
    // Only the owner's UID: nothing a classic queue would act on.
    assertThat(main.path("arguments").size()).isOne();
    assertThat(main.path("arguments").path(RabbitTenantQueues.OWNER_ARGUMENT).asText())
        .isEqualTo(tenants.get(ns, "plain").getMetadata().getUid());
    assertThat(tenants.condition(ns, "plain", "QueuesReady").getMessage())
        .endsWith("as classic queues");
  }

  /** The README's migration: suspend, let the workers drain, delete the empty queues, resume. */
  @Test
  void classicQueuesMigrateToQuorumQueuesByDrainAndRecreate() throws Exception {
    String ns = harness.platformNamespace();
    TenantQueues queues = TenantQueues.of(ns, "moving");
    var services = harness.services();
    declareClassicQueuesHoldingOneMessage(services, queues);
    createAsProvisionedBefore(ns, "moving");
    harness.awaitReady(Tenant.class, ns, "moving", true, "Provisioned");

    suspend(ns, "moving", true);
    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.condition(ns, "moving", "Suspended").getStatus())
                    .isEqualTo("True"));
    services.rabbit(channel -> channel.basicGet(queues.main(), true)); // the workers drain it
    services.rabbit(
        channel -> {
          for (var d : RabbitQueueSettings.CLASSIC.declarations(queues)) {
            channel.queueDelete(d.queue(), false, true);
          }
          return null;
        });
    suspend(ns, "moving", false);

    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.condition(ns, "moving", "QueuesReady").getMessage())
                    .endsWith("as quorum queues (delivery limit 20)"));
    for (var d : RabbitQueueSettings.DEFAULT.declarations(queues)) {
      assertThat(services.management("/api/queues/%2F/" + d.queue()).path("type").asText())
          .as(d.queue())
          .isEqualTo("quorum");
    }
  }

  /**
   * A Tenant as an operator from before owners were recorded left it: its status says its queues
   * were provisioned, and the queues declared by hand here stand for the ones that operator made.
   */
  private void createAsProvisionedBefore(String ns, String name) {
    var tenant = Fixtures.tenant(ns, name, "staging", "standard", "standard");
    tenant.getMetadata().setAnnotations(Map.of(ReconciliationPause.ANNOTATION, "true"));
    harness.create(tenant);
    eventually()
        .until(
            () -> {
              var paused = tenants.get(ns, name);
              paused.getStatus().setQueuesProvisioned(true);
              harness.client().resource(paused).updateStatus();
              return true;
            });
    tenants.edit(
        ns,
        name,
        t -> {
          t.getMetadata().getAnnotations().remove(ReconciliationPause.ANNOTATION);
          return t;
        });
  }

  private static void suspend(String ns, String tenant, boolean suspended) {
    OperatorHarness.eventually()
        .until(
            () -> {
              harness
                  .client()
                  .resources(Tenant.class)
                  .inNamespace(ns)
                  .withName(tenant)
                  .edit(
                      t -> {
                        t.getSpec().setSuspended(suspended);
                        return t;
                      });
              return true;
            });
  }

  /** The tenant's queues as an earlier release declared them (classic), one message accepted. */
  private static void declareClassicQueuesHoldingOneMessage(
      PlatformServices services, TenantQueues queues) throws Exception {
    services.rabbit(
        channel -> {
          for (var d : RabbitQueueSettings.CLASSIC.declarations(queues)) {
            channel.queueDeclare(d.queue(), true, false, false, d.arguments());
          }
          channel.basicPublish("", queues.main(), null, "accepted before".getBytes());
          return null;
        });
  }
}
