package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Tenant's lifecycle against the embedded API. */
class TenantReconcilerTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  @Test
  void tenantGetsASecretWithAnApiKeyThatStatusNamesButNeverShows() {
    String ns = readyNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));

    var tenant = harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");

    assertThat(tenant.getStatus().getQueue()).isEqualTo("tenant." + ns + ".acme");
    assertThat(tenant.getStatus().getDeadLetterQueue()).isEqualTo("tenant." + ns + ".acme.dlq");
    assertThat(tenant.getStatus().getSecretName()).isEqualTo("tenant-acme");
    String key = apiKey(ns, "tenant-acme");
    assertThat(key).startsWith("stv_").hasSize(4 + 43);
    assertThat(Serialization.asJson(tenant)).doesNotContain(key);
    assertThat(harness.events(ns, "acme"))
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(key));
  }

  @Test
  void apiKeySurvivesSpecChangesAndReconciliations() {
    String ns = readyNamespace();
    harness.create(Fixtures.tenant(ns, "globex", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "globex", true, "Provisioned");
    String key = apiKey(ns, "tenant-globex");

    harness
        .client()
        .resources(Tenant.class)
        .inNamespace(ns)
        .withName("globex")
        .edit(
            t -> {
              t.getSpec().setRetentionDays(7);
              return t;
            });

    eventually()
        .untilAsserted(
            () -> {
              var t =
                  harness.client().resources(Tenant.class).inNamespace(ns).withName("globex").get();
              assertThat(t.getStatus().getObservedGeneration())
                  .isEqualTo(t.getMetadata().getGeneration());
            });
    assertThat(apiKey(ns, "tenant-globex")).isEqualTo(key);
  }

  @Test
  void tenantWithoutEnvironmentWaitsAndIsProvisionedOnceItExists() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    harness.create(Fixtures.tenant(ns, "early", "staging", "standard", "standard"));

    harness.awaitReady(Tenant.class, ns, "early", false, "EnvironmentNotFound");
    assertThat(harness.events(ns, "early"))
        .anyMatch(
            e -> e.getReason().equals("EnvironmentNotFound") && e.getType().equals("Warning"));
    assertThat(harness.client().secrets().inNamespace(ns).withName("tenant-early").get()).isNull();

    harness.create(Fixtures.environment(ns, "staging"));
    harness.awaitReady(Tenant.class, ns, "early", true, "Provisioned");
  }

  @Test
  void tenantThatItsPoolDoesNotSelectIsReportedUntilItsLabelsAreFixed() {
    String ns = readyNamespace();
    harness.create(Fixtures.tenant(ns, "misfit", "staging", "standard", "premium"));

    var tenant = harness.awaitReady(Tenant.class, ns, "misfit", false, "WorkerPoolMismatch");
    assertThat(tenant.getStatus().getConditions().get(0).getMessage())
        .contains("does not select this tenant");

    harness
        .client()
        .resources(Tenant.class)
        .inNamespace(ns)
        .withName("misfit")
        .edit(
            t -> {
              t.getMetadata().setLabels(Map.of(Fixtures.TIER, "standard"));
              return t;
            });
    harness.awaitReady(Tenant.class, ns, "misfit", true, "Provisioned");
  }

  @Test
  void deletingTheEnvironmentTurnsItsTenantsNotReady() {
    String ns = readyNamespace();
    harness.create(Fixtures.tenant(ns, "orphan", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "orphan", true, "Provisioned");

    harness.client().resources(Environment.class).inNamespace(ns).withName("staging").delete();

    harness.awaitReady(Tenant.class, ns, "orphan", false, "EnvironmentNotFound");
  }

  @Test
  void secretDeletedOutOfBandIsRecreated() {
    String ns = readyNamespace();
    harness.create(Fixtures.tenant(ns, "drifty", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "drifty", true, "Provisioned");

    harness.client().secrets().inNamespace(ns).withName("tenant-drifty").delete();

    eventually().untilAsserted(() -> assertThat(apiKey(ns, "tenant-drifty")).startsWith("stv_"));
  }

  /** A namespace with the environment `staging` and the pool `standard` (tier standard). */
  private static String readyNamespace() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    return ns;
  }

  private static String apiKey(String ns, String secret) {
    var data = harness.client().secrets().inNamespace(ns).withName(secret).get().getData();
    return new String(Base64.getDecoder().decode(data.get("apiKey")), StandardCharsets.UTF_8);
  }
}
