package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantIsolationSpec;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The isolation dependents' desired objects, without a server. */
class TenantIsolationObjectsTest {
  private final Environment environment = Fixtures.environment("team-a", "staging");
  private final Tenant tenant =
      Fixtures.tenant("team-a", "acme", "staging", "standard", "standard");
  private final TenantNames names = TenantNames.of(tenant, environment);

  @Test
  void everyObjectIsLabelledWithTheTenantItMapsBackTo() {
    environment.getSpec().setTenantIsolation(new TenantIsolationSpec());
    var objects =
        java.util.List.of(
            TenantIsolation.namespace(tenant, names),
            TenantIsolation.secretCopy(tenant, names, Map.of("apiKey", "a2V5")),
            TenantIsolation.networkPolicy(tenant, environment, names));

    assertThat(objects)
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsEntry(Labels.TENANT, "acme")
                    .containsEntry(TenantIsolation.TENANT_NAMESPACE, "team-a")
                    .containsEntry(Labels.ENVIRONMENT, "staging"));
    assertThat(
            new IsolationNamespaceDependentResource()
                .toPrimaryResourceIDs(TenantIsolation.namespace(tenant, names)))
        .singleElement()
        .satisfies(id -> assertThat(id.getName()).isEqualTo("acme"))
        .satisfies(id -> assertThat(id.getNamespace()).contains("team-a"));
    String own = TenantNames.isolationNamespace("team-a", "acme");
    assertThat(own).startsWith("team-a-acme-");
    assertThat(objects.get(0).getMetadata().getName()).isEqualTo(own);
    assertThat(objects.get(1).getMetadata().getNamespace()).isEqualTo(own);
  }

  @ParameterizedTest(name = "environment {0}, plan {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "           |          | ",
        "pods=10    |          | pods=10",
        "pods=10    | pods=3   | pods=3",
        "cpu=4      | pods=3   | cpu=4,pods=3",
        "           | pods=3   | pods=3"
      })
  void quotaIsTheEnvironmentsOverriddenKeyByKeyByThePlan(
      String environmentQuota, String planQuota, String expected) {
    var isolation = new TenantIsolationSpec();
    isolation.setQuota(quantities(environmentQuota));
    environment.getSpec().setTenantIsolation(isolation);
    tenant.getSpec().getPlan().setQuota(quantities(planQuota));

    var quota = TenantIsolation.quotaObject(tenant, environment, names);

    if (expected == null) {
      assertThat(quota).isEmpty();
    } else {
      assertThat(quota.orElseThrow().getSpec().getHard())
          .containsExactlyInAnyOrderEntriesOf(quantities(expected));
    }
  }

  @Test
  void networkPolicyLetsPodsReachOnlyTheirNamespaceDnsAndIngest() {
    var policy = TenantIsolation.networkPolicy(tenant, environment, names);

    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(policy.getSpec().getEgress()).hasSize(3);
    assertThat(policy.getSpec().getEgress().get(2).getTo().get(0).getPodSelector().getMatchLabels())
        .containsEntry(Labels.INSTANCE, "staging-ingest");
  }

  private static Map<String, Quantity> quantities(String spec) {
    var map = new java.util.LinkedHashMap<String, Quantity>();
    if (spec != null) {
      for (String pair : spec.split(",")) {
        String[] kv = pair.split("=");
        map.put(kv[0].trim(), new Quantity(kv[1].trim()));
      }
    }
    return map;
  }
}
