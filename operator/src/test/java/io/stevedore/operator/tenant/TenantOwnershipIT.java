package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantIsolationSpec;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.operator.testing.PlatformServices;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What has a tenant's name but is not its own (made by hand, or another Tenant's) is reported as
 * `NameConflict` and left exactly as it was, by provisioning and by offboarding with deletionPolicy
 * Delete: a namespace, a Secret, a queue holding a message, a broker user, a DynamoDB table and a
 * MySQL registration with its rules.
 */
class TenantOwnershipIT {
  @RegisterExtension static final OperatorHarness harness = OperatorHarness.withPlatformServices();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Map<String, String> HAND_LABELS = Map.of("team", "payments");

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void aNamespaceMadeByHandIsReportedAndKeptThroughProvisioningAndDeletion() {
    String ns = isolatedNamespace();
    String own = TenantNames.isolationNamespace(ns, "acme");
    harness.create(
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(own)
            .withLabels(HAND_LABELS)
            .endMetadata()
            .build());

    createDeletable(ns, "acme");

    eventually()
        .untilAsserted(
            () -> {
              var isolation = tenants.condition(ns, "acme", "IsolationReady");
              assertThat(isolation.getReason()).isEqualTo("NameConflict");
              assertThat(isolation.getMessage())
                  .contains("Namespace " + own, "does not carry Stevedore's tenant labels");
              assertThat(tenants.condition(ns, "acme", "QueuesReady").getStatus())
                  .isEqualTo("True");
            });
    assertThat(harness.events(ns, "acme"))
        .anySatisfy(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getReason()).isEqualTo("NameConflict");
              assertThat(e.getMessage()).contains("Namespace " + own);
            });
    assertHandNamespaceUntouched(own);

    deleteAndAwaitGone(ns, "acme");
    assertHandNamespaceUntouched(own);
  }

  @Test
  void anotherTenantsNamespaceIsNeitherRelabelledNorDeleted() {
    String ns = isolatedNamespace();
    String own = TenantNames.isolationNamespace(ns, "acme");
    // Labelled as the operator labels a tenant namespace, for an earlier Tenant of the same name.
    Map<String, String> earlier =
        Map.of(
            Labels.COMPONENT, TenantIsolation.NAMESPACE_COMPONENT,
            Labels.MANAGED_BY, "stevedore-operator",
            Labels.TENANT, "acme",
            TenantIsolation.TENANT_NAMESPACE, ns,
            Labels.TENANT_UID, "uid-of-an-earlier-acme");
    harness.create(
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(own)
            .withLabels(earlier)
            .endMetadata()
            .build());

    createDeletable(ns, "acme");

    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.condition(ns, "acme", "IsolationReady").getMessage())
                    .contains("Namespace " + own, "uid uid-of-an-earlier-acme"));
    deleteAndAwaitGone(ns, "acme");
    var namespace = harness.client().namespaces().withName(own).get();
    assertThat(namespace).isNotNull();
    assertThat(namespace.getMetadata().getLabels()).containsAllEntriesOf(earlier);
    assertThat(harness.client().network().v1().networkPolicies().inNamespace(own).list().getItems())
        .isEmpty();
  }

  @Test
  void aSecretMadeByHandIsNeitherReadNorOverwrittenNorDeleted() {
    String ns = harness.platformNamespace();
    harness.create(
        new SecretBuilder()
            .withNewMetadata()
            .withName("tenant-acme")
            .withNamespace(ns)
            .withLabels(HAND_LABELS)
            .endMetadata()
            .withStringData(Map.of("apiKey", "someone-elses-key"))
            .build());

    createDeletable(ns, "acme");

    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.condition(ns, "acme", "SecretReady").getReason())
                    .isEqualTo("NameConflict"));
    assertThat(tenants.get(ns, "acme").getStatus().getBrokerUser()).isNull();
    deleteAndAwaitGone(ns, "acme");
    var secret = harness.client().secrets().inNamespace(ns).withName("tenant-acme").get();
    assertThat(secret.getMetadata().getLabels()).isEqualTo(HAND_LABELS);
    assertThat(secret.getData()).containsOnlyKeys("apiKey");
  }

  @Test
  void aQueueUserTableAndRegistrationMadeByOthersAreReportedAndKeptThroughDeletion()
      throws Exception {
    String ns = harness.platformNamespace();
    var services = harness.services();
    // The schema exists once a first tenant is registered.
    harness.create(Fixtures.tenant(ns, "first", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "first", true, "Provisioned");
    TenantQueues queues = TenantQueues.of(ns, "acme");
    services.rabbit(channel -> channel.queueDeclare(queues.deadLetter(), true, false, false, null));
    services.rabbit(
        channel -> {
          channel.basicPublish("", queues.deadLetter(), null, "theirs".getBytes());
          return null;
        });
    String user = "tenant." + ns + ".acme.a";
    putUser(user, "their-password");
    String userHash =
        services.management("/api/users/" + encode(user)).path("password_hash").asText();
    String table = RecordTable.name("staging-", ns, "acme");
    createTable(services, table);
    services.update(
        "INSERT INTO tenants (namespace, tenant, owner_uid) VALUES (?, ?, ?)",
        ns,
        "acme",
        "uid-of-another");
    services.update(
        "INSERT INTO tenant_rules (namespace, tenant, position, rule) VALUES (?, ?, ?, ?)",
        ns,
        "acme",
        1,
        "{\"drop\":{\"types\":[\"theirs\"]}}");

    createDeletable(ns, "acme");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(tenants.condition(ns, "acme", "QueuesReady").getMessage())
                  .contains("RabbitMQ queue " + queues.deadLetter());
              assertThat(tenants.condition(ns, "acme", "BrokerUserReady").getMessage())
                  .contains("broker user " + user);
              assertThat(tenants.condition(ns, "acme", "TableReady").getMessage())
                  .contains("DynamoDB table " + table);
              assertThat(tenants.condition(ns, "acme", "ConfigReady").getMessage())
                  .contains("uid-of-another");
              for (String condition :
                  List.of("QueuesReady", "BrokerUserReady", "TableReady", "ConfigReady")) {
                assertThat(tenants.condition(ns, "acme", condition).getReason())
                    .isEqualTo("NameConflict");
              }
            });

    deleteAndAwaitGone(ns, "acme");
    assertThat(ready(queues.deadLetter())).isEqualTo(1);
    assertThat(services.management("/api/users/" + encode(user)).path("password_hash").asText())
        .isEqualTo(userHash);
    assertThat(services.dynamo().describeTable(r -> r.tableName(table)).table()).isNotNull();
    assertThat(
            services.query(
                "SELECT owner_uid FROM tenants WHERE namespace = ? AND tenant = ?", ns, "acme"))
        .containsExactly(List.of("uid-of-another"));
    assertThat(
            services.query(
                "SELECT rule FROM tenant_rules WHERE namespace = ? AND tenant = ?", ns, "acme"))
        .containsExactly(List.of("{\"drop\":{\"types\":[\"theirs\"]}}"));
    // What the operator did make for it (the other queues) is gone.
    assertThat(services.queueExists(queues.main())).isFalse();
  }

  /** A new namespace whose Environment gives each tenant a namespace of its own. */
  private static String isolatedNamespace() {
    String ns = harness.newNamespace();
    var services = harness.services();
    services.secrets(ns, "staging").forEach(harness::create);
    var environment = services.environment(ns, "staging");
    environment.getSpec().setTenantIsolation(new TenantIsolationSpec());
    harness.create(environment);
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    return ns;
  }

  private static void createDeletable(String ns, String name) {
    var tenant = Fixtures.tenant(ns, name, "staging", "standard", "standard");
    tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    harness.create(tenant);
  }

  private void deleteAndAwaitGone(String ns, String name) {
    harness.client().resources(Tenant.class).inNamespace(ns).withName(name).delete();
    eventually().untilAsserted(() -> assertThat(tenants.get(ns, name)).isNull());
  }

  private static void assertHandNamespaceUntouched(String own) {
    var namespace = harness.client().namespaces().withName(own).get();
    assertThat(namespace).isNotNull();
    assertThat(namespace.getMetadata().getLabels())
        .containsAllEntriesOf(HAND_LABELS)
        .doesNotContainKeys(Labels.TENANT, Labels.TENANT_UID);
    assertThat(harness.client().network().v1().networkPolicies().inNamespace(own).list().getItems())
        .isEmpty();
    assertThat(harness.client().secrets().inNamespace(own).list().getItems()).isEmpty();
  }

  private static long ready(String queue) throws Exception {
    return harness
        .services()
        .rabbit(channel -> channel.queueDeclarePassive(queue))
        .getMessageCount();
  }

  private static void putUser(String user, String password) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(PlatformServices.RABBIT_MANAGEMENT + "/api/users/" + encode(user)))
                .header("Authorization", PlatformServices.basic("guest", "guest"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"password\":\"" + password + "\",\"tags\":\"\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isBetween(200, 299);
  }

  private static void createTable(PlatformServices services, String table) {
    services
        .dynamo()
        .createTable(
            t ->
                t.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
