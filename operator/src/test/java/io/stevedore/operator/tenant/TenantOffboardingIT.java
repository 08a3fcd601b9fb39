package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.fabric8.kubernetes.api.model.Quantity;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantIsolationSpec;
import io.stevedore.operator.platform.TenantServing;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Deleting a Tenant: Retain keeps its data, Delete drains first, a non-empty queue is kept. */
class TenantOffboardingIT {
  @RegisterExtension static final OperatorHarness harness = OperatorHarness.withPlatformServices();

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void retainKeepsQueuesTableAndConfigRevokesTheBrokerUserAndSaysSoInAnEvent() throws Exception {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    var services = harness.services();
    TenantQueues queues = TenantQueues.of(ns, "acme");
    String user = tenants.get(ns, "acme").getStatus().getBrokerUser();
    publish(queues.main(), 2);

    harness.client().resources(Tenant.class).inNamespace(ns).withName("acme").delete();

    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "acme")).isNull());
    assertThat(ready(queues.main())).isEqualTo(2);
    assertThat(services.queueExists(queues.deadLetter())).isTrue();
    assertThat(services.queueExists(queues.retries().get(0))).isTrue();
    assertThat(
            services
                .dynamo()
                .describeTable(r -> r.tableName(RecordTable.name("staging-", ns, "acme")))
                .table())
        .isNotNull();
    assertThat(rules(ns, "acme")).isNotEmpty();
    assertThat(services.management("/api/users/" + user)).isNull();
    assertThat(harness.events(ns, "acme"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("Retained");
              assertThat(e.getMessage())
                  .contains(queues.main(), queues.deadLetter(), "DynamoDB table", "MySQL");
            });
    eventually()
        .untilAsserted(
            () -> assertThat(tenants.workerDirectory(ns, "standard").tenants()).isEmpty());
  }

  @Test
  void aTenantWhoseNameIsNotALabelIsLetGoWithoutTouchingTheTenantItsNamesWouldHit()
      throws Exception {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "fleet", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "fleet", true, "Provisioned");
    TenantQueues fleet = TenantQueues.of(ns, "fleet");
    publish(fleet.deadLetter(), 1);
    // Its main queue would be tenant.<ns>.fleet.dlq: fleet's dead-letter queue.
    var dotted = Fixtures.tenant(ns, "fleet.dlq", "staging", "standard", "standard");
    dotted.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(dotted);
    harness.awaitReady(Tenant.class, ns, "fleet.dlq", false, "InvalidSpec");

    harness.client().resources(Tenant.class).inNamespace(ns).withName("fleet.dlq").delete();

    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "fleet.dlq")).isNull());
    assertThat(ready(fleet.deadLetter())).isEqualTo(1);
    assertThat(harness.events(ns, "fleet.dlq"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("NothingRemoved");
              assertThat(e.getMessage()).contains("not a DNS-1123 label");
            });
  }

  @Test
  void deleteDrainsTheQueueThroughTheWorkersThenRemovesEverything() throws Exception {
    String ns = harness.platformNamespace();
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(tenant);
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    var services = harness.services();
    TenantQueues queues = TenantQueues.of(ns, "acme");
    String table = RecordTable.name("staging-", ns, "acme");
    String user = tenants.get(ns, "acme").getStatus().getBrokerUser();
    publish(queues.main(), 3);

    harness.client().resources(Tenant.class).inNamespace(ns).withName("acme").delete();

    eventually()
        .untilAsserted(
            () -> {
              var draining = tenants.condition(ns, "acme", "Draining");
              assertThat(draining.getStatus()).isEqualTo("True");
              assertThat(draining.getReason()).isEqualTo("Draining");
              assertThat(draining.getMessage()).contains("3 ready");
              assertThat(tenants.ingestDirectory(ns, "staging").tenants()).isEmpty();
              assertThat(tenants.workerDirectory(ns, "standard").tenants())
                  .extracting(TenantDirectory.Entry::name)
                  .containsExactly("acme");
            });

    // A worker (this test) consumes the backlog and stays attached until its pool lets go.
    try (var channel = services.rabbitChannel()) {
      String consumer =
          channel.basicConsume(
              queues.main(),
              false,
              new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(
                    String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws java.io.IOException {
                  getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
              });
      eventually()
          .untilAsserted(
              () -> {
                assertThat(tenants.get(ns, "acme").getStatus().getOffboarding())
                    .isEqualTo(TenantServing.RELEASED);
                assertThat(tenants.condition(ns, "acme", "Draining").getMessage())
                    .contains("1 consumers");
                assertThat(tenants.workerDirectory(ns, "standard").tenants()).isEmpty();
              });
      assertThat(services.queueExists(queues.main())).isTrue();
      channel.basicCancel(consumer);
    }

    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "acme")).isNull());
    assertThat(services.queueExists(queues.main())).isFalse();
    assertThat(services.queueExists(queues.deadLetter())).isFalse();
    assertThat(queues.retries()).noneMatch(services::queueExists);
    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        org.assertj.core.api.Assertions.catchThrowable(
                            () -> services.dynamo().describeTable(r -> r.tableName(table))))
                    .isInstanceOf(ResourceNotFoundException.class));
    assertThat(rules(ns, "acme")).isEmpty();
    assertThat(services.query("SELECT 1 FROM tenants WHERE namespace = ?", ns)).isEmpty();
    assertThat(services.management("/api/users/" + user)).isNull();
    assertThat(harness.events(ns, "acme")).anyMatch(e -> e.getReason().equals("Deleted"));
  }

  @Test
  void nonEmptyDeadLetterQueueIsNeverDeletedWithoutTheOverrideAnnotation() throws Exception {
    String ns = harness.platformNamespace();
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(tenant);
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    TenantQueues queues = TenantQueues.of(ns, "acme");
    publish(queues.deadLetter(), 1);

    harness.client().resources(Tenant.class).inNamespace(ns).withName("acme").delete();

    eventually()
        .untilAsserted(
            () -> {
              var draining = tenants.condition(ns, "acme", "Draining");
              assertThat(draining.getReason()).isEqualTo("DeadLetterQueueNotEmpty");
              assertThat(draining.getMessage())
                  .contains(
                      queues.deadLetter(), "1 messages", OffboardingDecision.DELETE_NON_EMPTY);
            });
    assertThat(ready(queues.deadLetter())).isEqualTo(1);
    assertThat(harness.services().queueExists(queues.main())).isTrue();

    tenants.annotate(ns, "acme", OffboardingDecision.DELETE_NON_EMPTY, "true");

    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "acme")).isNull());
    assertThat(harness.services().queueExists(queues.deadLetter())).isFalse();
  }

  @Test
  void deleteRemovesAnIsolatedTenantsNamespaceAndWhatTheOperatorPutInIt() throws Exception {
    String ns = harness.newNamespace();
    harness.services().secrets(ns, "staging").forEach(harness::create);
    var environment = harness.services().environment(ns, "staging");
    var isolation = new TenantIsolationSpec();
    isolation.setQuota(Map.of("pods", new Quantity("10")));
    environment.getSpec().setTenantIsolation(isolation);
    harness.create(environment);
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(tenant);
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    String own = tenants.get(ns, "acme").getStatus().getIsolationNamespace();
    var client = harness.client();
    assertThat(client.resourceQuotas().inNamespace(own).list().getItems()).isNotEmpty();
    assertThat(client.network().networkPolicies().inNamespace(own).list().getItems()).isNotEmpty();

    client.resources(Tenant.class).inNamespace(ns).withName("acme").delete();

    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "acme")).isNull());
    assertThat(client.namespaces().withName(own).get()).isNull();
    assertThat(client.secrets().inNamespace(own).withName("tenant-acme").get()).isNull();
    assertThat(client.resourceQuotas().inNamespace(own).list().getItems()).isEmpty();
    assertThat(client.network().networkPolicies().inNamespace(own).list().getItems()).isEmpty();
    assertThat(harness.events(ns, "acme"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("Deleted");
              assertThat(e.getMessage()).contains("namespace " + own);
            });
  }

  private static void publish(String queue, int count) throws Exception {
    harness
        .services()
        .rabbit(
            channel -> {
              for (int i = 0; i < count; i++) {
                channel.basicPublish("", queue, null, ("message " + i).getBytes());
              }
              return null;
            });
  }

  private static int ready(String queue) throws Exception {
    return harness
        .services()
        .rabbit(channel -> channel.queueDeclarePassive(queue).getMessageCount());
  }

  private static List<List<String>> rules(String ns, String tenant) throws Exception {
    return harness
        .services()
        .query("SELECT rule FROM tenant_rules WHERE namespace = ? AND tenant = ?", ns, tenant);
  }
}
