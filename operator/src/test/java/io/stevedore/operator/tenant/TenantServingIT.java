package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingest and worker directories follow provisioning: a tenant is served once its queues exist,
 * without restarting any pod, suspended when its spec says so, and gone when it is deleted.
 */
class TenantServingIT {
  @RegisterExtension static final OperatorHarness harness = OperatorHarness.withPlatformServices();

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void provisionedTenantIsInTheIngestDirectoryWithItsKeyDigestUntilItIsDeleted() {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
    harness.create(Fixtures.tenant(ns, "globex", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    String key = tenants.credentials(ns, "acme").apiKey();

    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.ingestDirectory(ns, "staging").tenants())
                    .extracting(TenantDirectory.Entry::name)
                    .containsExactly("acme", "globex"));
    assertThat(tenants.ingestDirectory(ns, "staging").tenants().get(0).apiKeySha256())
        .containsExactly(ApiKeyDigest.sha256(key));
    assertThat(tenants.ingestDirectoryJson(ns, "staging")).doesNotContain(key);

    harness.client().resources(Tenant.class).inNamespace(ns).withName("acme").delete();

    eventually()
        .untilAsserted(
            () -> {
              assertThat(tenants.ingestDirectory(ns, "staging").tenants())
                  .extracting(TenantDirectory.Entry::name)
                  .containsExactly("globex");
              assertThat(tenants.workerDirectory(ns, "standard").tenants())
                  .extracting(TenantDirectory.Entry::name)
                  .containsExactly("globex");
            });
  }

  @Test
  void tenantMovedToAnotherEnvironmentLeavesTheFirstDirectoryForTheSecond() {
    String ns = harness.platformNamespace();
    harness.services().secrets(ns, "prod").forEach(harness::create);
    harness.create(harness.services().environment(ns, "prod"));
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
    eventually()
        .untilAsserted(
            () -> assertThat(tenants.ingestDirectory(ns, "staging").tenants()).hasSize(1));

    tenants.edit(
        ns,
        "acme",
        t -> {
          t.getSpec().setEnvironment("prod");
          return t;
        });

    eventually()
        .untilAsserted(
            () -> {
              assertThat(tenants.ingestDirectory(ns, "staging").tenants()).isEmpty();
              assertThat(tenants.ingestDirectory(ns, "prod").tenants())
                  .singleElement()
                  .satisfies(e -> assertThat(e.table()).isEqualTo("prod-" + ns + ".acme"));
            });
  }

  @Test
  void poolServesTheProvisionedTenantsThatNameItAndThatItsSelectorSelects() {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "b-corp", "staging", "standard", "standard"));
    harness.create(Fixtures.tenant(ns, "a-corp", "staging", "standard", "standard"));
    harness.create(Fixtures.tenant(ns, "vip", "staging", "premium", "premium"));
    harness.create(Fixtures.tenant(ns, "elsewhere", "staging", "other-pool", "standard"));

    eventually()
        .untilAsserted(
            () -> {
              var pool =
                  harness
                      .client()
                      .resources(WorkerPool.class)
                      .inNamespace(ns)
                      .withName("standard")
                      .get();
              assertThat(pool.getStatus().getTenants()).containsExactly("a-corp", "b-corp");
              assertThat(pool.getStatus().getTenantCount()).isEqualTo(2);
            });
    assertThat(tenants.workerDirectory(ns, "standard").tenants())
        .extracting(TenantDirectory.Entry::name)
        .containsExactly("a-corp", "b-corp");
  }

  @Test
  void tenantAddedToAPoolReachesItsDirectoryWithoutRollingTheWorkers() {
    String ns = harness.platformNamespace();
    harness.awaitReady(WorkerPool.class, ns, "standard", true, "Available");
    var podTemplate = workers(ns).getSpec().getTemplate();

    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));

    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.workerDirectory(ns, "standard").tenants())
                    .singleElement()
                    .satisfies(e -> assertThat(e.queue()).isEqualTo("tenant." + ns + ".acme"))
                    .satisfies(e -> assertThat(e.apiKeySha256()).isEmpty()));
    assertThat(workers(ns).getSpec().getTemplate()).isEqualTo(podTemplate);
  }

  @Test
  void suspendedTenantIsRefusedByIngestWhileWorkersKeepItsQueueAndResumingUndoesIt() {
    String ns = harness.platformNamespace();
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));
    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");

    tenants.edit(
        ns,
        "acme",
        t -> {
          t.getSpec().setSuspended(true);
          return t;
        });

    harness.awaitReady(Tenant.class, ns, "acme", true, "Suspended");
    assertThat(tenants.condition(ns, "acme", "Suspended").getStatus()).isEqualTo("True");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(tenants.ingestDirectory(ns, "staging").tenants())
                  .singleElement()
                  .satisfies(e -> assertThat(e.suspended()).isTrue());
              assertThat(tenants.workerDirectory(ns, "standard").tenants())
                  .singleElement()
                  .satisfies(e -> assertThat(e.name()).isEqualTo("acme"));
            });
    assertThat(harness.events(ns, "acme")).anyMatch(e -> e.getReason().equals("Suspended"));

    tenants.edit(
        ns,
        "acme",
        t -> {
          t.getSpec().setSuspended(false);
          return t;
        });

    harness.awaitReady(Tenant.class, ns, "acme", true, "Provisioned");
    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.ingestDirectory(ns, "staging").tenants())
                    .singleElement()
                    .satisfies(e -> assertThat(e.suspended()).isFalse()));
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment workers(String ns) {
    return harness.client().apps().deployments().inNamespace(ns).withName("standard-workers").get();
  }
}
