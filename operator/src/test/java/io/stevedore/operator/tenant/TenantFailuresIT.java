package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import io.stevedore.sandbox.faults.TcpProxy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A service going down fails only the step that needs it: its condition says why, the other steps
 * and other tenants keep working, and the step recovers by itself when the service is back.
 */
class TenantFailuresIT {
  @RegisterExtension static final OperatorHarness harness = OperatorHarness.withPlatformServices();

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void brokerDownFailsQueuesAndBrokerUserOnlyAndTheyRecoverWhenItIsBack() throws Exception {
    try (var amqp = TcpProxy.to("127.0.0.1", 5672);
        var management = TcpProxy.to("127.0.0.1", 15672)) {
      amqp.refuse();
      management.refuse();
      String ns = namespace();
      var environment = harness.services().environment(ns, "staging");
      environment.getSpec().getBroker().getRabbitmq().setUrl("amqp://127.0.0.1:" + amqp.port());
      environment
          .getSpec()
          .getBroker()
          .getRabbitmq()
          .setManagementUrl("http://127.0.0.1:" + management.port());
      place(ns, environment);
      harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
      String healthy = harness.platformNamespace();
      harness.create(Fixtures.tenant(healthy, "globex", "staging", "standard", "standard"));

      harness.awaitReady(Tenant.class, ns, "acme", false, "BrokerUnavailable");
      assertThat(tenants.condition(ns, "acme", "QueuesReady").getMessage()).contains("unreachable");
      assertThat(tenants.condition(ns, "acme", "BrokerUserReady").getReason())
          .isEqualTo("BrokerUnavailable");
      for (String working : new String[] {"SecretReady", "TableReady", "ConfigReady"}) {
        assertThat(tenants.condition(ns, "acme", working).getStatus())
            .as(working)
            .isEqualTo("True");
      }
      assertThat(harness.events(ns, "acme"))
          .anyMatch(
              e -> e.getType().equals("Warning") && e.getReason().equals("BrokerUnavailable"));
      harness.awaitReady(Tenant.class, healthy, "globex", true, "Provisioned");

      amqp.forward();
      management.forward();

      harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    }
  }

  @Test
  void mysqlDownFailsConfigOnlyAndItRecoversWhenMysqlIsBack() throws Exception {
    try (var mysql = TcpProxy.to("127.0.0.1", 3306)) {
      mysql.refuse();
      String ns = namespace();
      String viaProxy =
          harness.services().jdbcUrl().replace("127.0.0.1:3306", "127.0.0.1:" + mysql.port());
      harness.services().secrets(ns, "staging", viaProxy).forEach(harness::create);
      harness.create(harness.services().environment(ns, "staging"));
      harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
      harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));

      harness.awaitReady(Tenant.class, ns, "acme", false, "MySqlUnavailable");
      assertThat(tenants.condition(ns, "acme", "QueuesReady").getStatus()).isEqualTo("True");
      assertThat(tenants.condition(ns, "acme", "TableReady").getStatus()).isEqualTo("True");

      mysql.forward();

      eventually()
          .atMost(Duration.ofSeconds(40))
          .untilAsserted(
              () ->
                  assertThat(tenants.condition(ns, "acme", "ConfigReady").getStatus())
                      .isEqualTo("True"));
      harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    }
  }

  @Test
  void unreachableDynamoDbFailsTheTableOnlyAndItIsCreatedOnceDynamoDbAnswers() throws Exception {
    URI dynamo = URI.create(harness.services().dynamoEndpoint());
    try (var proxy = TcpProxy.to("127.0.0.1", dynamo.getPort())) {
      proxy.refuse();
      String ns = namespace();
      var environment = harness.services().environment(ns, "staging");
      environment
          .getSpec()
          .getStorage()
          .getDynamodb()
          .setEndpoint("http://127.0.0.1:" + proxy.port());
      place(ns, environment);
      harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));

      harness.awaitReady(Tenant.class, ns, "acme", false, "DynamoDbUnavailable");
      assertThat(tenants.condition(ns, "acme", "QueuesReady").getStatus()).isEqualTo("True");
      assertThat(tenants.condition(ns, "acme", "ConfigReady").getStatus()).isEqualTo("True");

      proxy.forward();

      eventually()
          .atMost(Duration.ofSeconds(40))
          .untilAsserted(
              () ->
                  assertThat(tenants.condition(ns, "acme", "TableReady").getStatus())
                      .isEqualTo("True"));
      harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    }
  }

  private static String namespace() {
    return harness.newNamespace();
  }

  private static void place(String ns, io.stevedore.operator.api.v1alpha1.Environment environment) {
    harness.services().secrets(ns, "staging").forEach(harness::create);
    harness.create(environment);
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
  }
}
