package io.stevedore.operator.tenant;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantIsolationSpec;
import io.stevedore.operator.kube.ApiKeys;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-tenant isolation needs only the Kubernetes API: the tenant's namespace, the copy of its
 * credentials, its quota and its network policy, kept as they should be and kept on Retain.
 */
class TenantIsolationTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();

  private final TenantTesting tenants = new TenantTesting(harness);

  @Test
  void isolatedTenantGetsANamespaceWithItsCredentialsQuotaAndDefaultDenyNetworkPolicy() {
    String ns = harness.newNamespace();
    var environment = Fixtures.environment(ns, "staging");
    var isolation = new TenantIsolationSpec();
    isolation.setQuota(Map.of("pods", new Quantity("10"), "requests.cpu", new Quantity("4")));
    environment.getSpec().setTenantIsolation(isolation);
    harness.create(environment);
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    tenant.getSpec().getPlan().setQuota(Map.of("pods", new Quantity("3")));
    harness.create(tenant);
    String own = TenantNames.isolationNamespace(ns, "acme");

    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.condition(ns, "acme", "IsolationReady").getStatus())
                    .isEqualTo("True"));

    var namespace = harness.client().namespaces().withName(own).get();
    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("stevedore.io/tenant", "acme")
        .containsEntry("stevedore.io/environment", "staging")
        .containsEntry(TenantIsolation.TENANT_NAMESPACE, ns);
    assertThat(tenants.get(ns, "acme").getStatus().getIsolationNamespace()).isEqualTo(own);
    var copy = harness.client().secrets().inNamespace(own).withName("tenant-acme").get();
    assertThat(ApiKeys.read(copy)).contains(tenants.credentials(ns, "acme").apiKey());
    var quota =
        harness.client().resourceQuotas().inNamespace(own).withName(TenantIsolation.QUOTA).get();
    assertThat(quota.getSpec().getHard())
        .containsEntry("pods", new Quantity("3"))
        .containsEntry("requests.cpu", new Quantity("4"));
    var policy = networkPolicy(own);
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getFrom())
                    .singleElement()
                    .satisfies(peer -> assertThat(peer.getNamespaceSelector()).isNull()));
    assertThat(policy.getSpec().getEgress()).hasSize(3);
    assertThat(policy.getSpec().getEgress().get(2).getTo().get(0).getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/instance", "staging-ingest");

    harness.client().resource(policy).delete();
    harness.client().secrets().inNamespace(own).withName("tenant-acme").delete();
    tenants.annotate(ns, "acme", "example.com/touched", "1");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(networkPolicy(own)).isNotNull();
              assertThat(harness.client().secrets().inNamespace(own).withName("tenant-acme").get())
                  .isNotNull();
            });

    harness.client().resources(Tenant.class).inNamespace(ns).withName("acme").delete();
    eventually().untilAsserted(() -> assertThat(tenants.get(ns, "acme")).isNull());
    assertThat(harness.client().namespaces().withName(own).get()).isNotNull();
    assertThat(harness.events(ns, "acme"))
        .anySatisfy(e -> assertThat(e.getMessage()).contains("namespace " + own));
  }

  @Test
  void isolationObjectsChangedOutOfBandOrByThePlanAreUpdated() {
    String ns = harness.newNamespace();
    String own = isolatedTenant(ns);

    harness
        .client()
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(own)
        .withName(TenantIsolation.NETWORK_POLICY)
        .edit(
            policy -> {
              policy.getSpec().setEgress(List.of());
              return policy;
            });
    harness
        .client()
        .namespaces()
        .withName(own)
        .edit(
            namespace -> {
              namespace.getMetadata().getLabels().remove(TenantIsolation.TENANT_NAMESPACE);
              return namespace;
            });
    tenants.edit(
        ns,
        "acme",
        tenant -> {
          tenant.getSpec().getPlan().setQuota(Map.of("pods", new Quantity("5")));
          return tenant;
        });

    eventually()
        .untilAsserted(
            () -> {
              assertThat(networkPolicy(own).getSpec().getEgress()).hasSize(3);
              assertThat(
                      harness.client().namespaces().withName(own).get().getMetadata().getLabels())
                  .containsEntry(TenantIsolation.TENANT_NAMESPACE, ns);
              assertThat(
                      harness
                          .client()
                          .resourceQuotas()
                          .inNamespace(own)
                          .withName(TenantIsolation.QUOTA)
                          .get()
                          .getSpec()
                          .getHard())
                  .containsEntry("pods", new Quantity("5"));
            });
  }

  /** Tenant acme isolated in a namespace of its own, with a pod quota; returns that namespace. */
  private String isolatedTenant(String ns) {
    var environment = Fixtures.environment(ns, "staging");
    var isolation = new TenantIsolationSpec();
    isolation.setQuota(Map.of("pods", new Quantity("10")));
    environment.getSpec().setTenantIsolation(isolation);
    harness.create(environment);
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    var tenant = Fixtures.tenant(ns, "acme", "staging", "standard", "standard");
    harness.create(tenant);
    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.condition(ns, "acme", "IsolationReady").getStatus())
                    .isEqualTo("True"));
    return TenantNames.isolationNamespace(ns, "acme");
  }

  @Test
  void withoutIsolationTheConditionSaysSoAndNoNamespaceIsMade() {
    String ns = harness.newNamespace();
    harness.create(Fixtures.environment(ns, "staging"));
    harness.create(Fixtures.workerPool(ns, "standard", "staging", "standard"));
    harness.create(Fixtures.tenant(ns, "acme", "staging", "standard", "standard"));

    eventually()
        .untilAsserted(
            () ->
                assertThat(tenants.condition(ns, "acme", "IsolationReady").getReason())
                    .isEqualTo("NotConfigured"));
    assertThat(
            harness
                .client()
                .namespaces()
                .withName(TenantNames.isolationNamespace(ns, "acme"))
                .get())
        .isNull();
  }

  private static NetworkPolicy networkPolicy(String namespace) {
    return harness
        .client()
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(namespace)
        .withName(TenantIsolation.NETWORK_POLICY)
        .get();
  }
}
