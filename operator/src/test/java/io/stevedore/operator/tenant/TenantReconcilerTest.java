package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Tenant's placement and the steps that need no platform service, against the embedded API; the
 * Environment here points at services that do not exist, so provisioning says what is missing.
 */
class TenantReconcilerTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void tenantWithoutEnvironmentWaitsAndIsProvisionedAsFarAsItsServicesAllowOnceItExists() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    harness.create(Fixtures.tenant(ns, "early", "staging", "standard", "standard"));

    harness.awaitReady(Tenant.class, ns, "early", false, "EnvironmentNotFound");
    assertThat(harness.events(ns, "early"))
        .anyMatch(
            e -> e.getReason().equals("EnvironmentNotFound") && e.getType().equals("Warning"));
    assertThat(harness.client().secrets().inNamespace(ns).withName("tenant-early").get()).isNull();

    harness.create(Fixtures.environment(ns, "staging"));

    harness.awaitReady(Tenant.class, ns, "early", false, "CredentialsNotFound");
    assertThat(tenants.condition(ns, "early", "SecretReady").getStatus()).isEqualTo("True");
    assertThat(tenants.credentials(ns, "early").apiKey()).startsWith("stv_").hasSize(4 + 43);
    assertThat(tenants.condition(ns, "early", "QueuesReady").getMessage())
        .contains("Secret 'staging-rabbitmq'");
    assertThat(tenants.condition(ns, "early", "TableReady").getReason())
        .isEqualTo("DynamoDbUnavailable");
    assertThat(tenants.get(ns, "early").getStatus().getQueuesProvisioned()).isNull();
  }

  @Test
  void apiKeySurvivesSpecChangesAndReconciliations() {
    String ns = placedNamespace();
    harness.create(Fixtures.tenant(ns, "globex", "staging", "standard", "standard"));
    eventually()
        .untilAsserted(
            () -> assertThat(tenants.credentials(ns, "globex").apiKey()).startsWith("stv_"));
    String key = tenants.credentials(ns, "globex").apiKey();

    tenants.edit(
        ns,
        "globex",
        t -> {
          t.getSpec().setRetentionDays(7);
          return t;
        });

    eventually()
        .untilAsserted(
            () -> {
              var t = tenants.get(ns, "globex");
              assertThat(t.getStatus().getObservedGeneration())
                  .isEqualTo(t.getMetadata().getGeneration());
            });
    assertThat(tenants.credentials(ns, "globex").apiKey()).isEqualTo(key);
  }

  @Test
  void tenantThatItsPoolDoesNotSelectIsReportedUntilItsLabelsAreFixed() {
    String ns = placedNamespace();
    harness.create(Fixtures.tenant(ns, "misfit", "staging", "standard", "premium"));

    var tenant = harness.awaitReady(Tenant.class, ns, "misfit", false, "WorkerPoolMismatch");
    assertThat(tenant.getStatus().getConditions().get(0).getMessage())
        .contains("does not select this tenant");

    tenants.edit(
        ns,
        "misfit",
        t -> {
          t.getMetadata().setLabels(Map.of(Fixtures.TIER, "standard"));
          return t;
        });
    harness.awaitReady(Tenant.class, ns, "misfit", false, "CredentialsNotFound");
  }

  @Test
  void deletingTheEnvironmentTurnsItsTenantsNotReady() {
    String ns = placedNamespace();
    harness.create(Fixtures.tenant(ns, "orphan", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "orphan", false, "CredentialsNotFound");

    harness.client().resources(Environment.class).inNamespace(ns).withName("staging").delete();

    harness.awaitReady(Tenant.class, ns, "orphan", false, "EnvironmentNotFound");
  }

  @Test
  void secretDeletedOutOfBandIsRecreatedWithANewKey() {
    String ns = placedNamespace();
    harness.create(Fixtures.tenant(ns, "drifty", "staging", "standard", "standard"));
    eventually()
        .untilAsserted(
            () -> assertThat(tenants.credentials(ns, "drifty").apiKey()).startsWith("stv_"));
    String key = tenants.credentials(ns, "drifty").apiKey();

    harness.client().secrets().inNamespace(ns).withName("tenant-drifty").delete();

    eventually()
        .untilAsserted(
            () -> assertThat(tenants.credentials(ns, "drifty").apiKey()).isNotEqualTo(key));
  }

  @Test
  void retainedTenantWhoseServicesAreUnreachableIsStillLetGoAndTheEventNamesWhatWasKept() {
    String ns = placedNamespace();
    harness.create(Fixtures.tenant(ns, "leaving", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "leaving", false, "CredentialsNotFound");

    harness.client().resources(Tenant.class).inNamespace(ns).withName("leaving").delete();

    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "leaving")).isNull());
    assertThat(harness.events(ns, "leaving"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("Retained");
              assertThat(e.getMessage()).contains("tenant." + ns + ".leaving", "staging-" + ns);
            });
  }

  /** A namespace with the environment `staging` and the pool `standard` (tier standard). */
  private static String placedNamespace() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    return ns;
  }
}
