package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.testing.Fixtures;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantOwnershipTest {

  @ParameterizedTest(name = "uid label {0}, tenant {1}, tenant-namespace {2}, managed {3} -> {4}")
  @CsvSource({
    "uid-1, acme, team-a, true, OWNED",
    "uid-2, acme, team-a, true, FOREIGN",
    ", acme, team-a, true, MADE_BEFORE_UIDS",
    ", acme, team-a, false, FOREIGN",
    ", acme, team-b, true, FOREIGN",
    ", globex, team-a, true, FOREIGN",
    ", , , false, FOREIGN",
  })
  void anObjectIsTheTenantsByItsUidOrByTheLabelsOfAnEarlierOperator(
      String uid, String tenant, String tenantNamespace, boolean managed, String verdict) {
    Map<String, String> labels = new HashMap<>();
    put(labels, Labels.TENANT_UID, uid);
    put(labels, Labels.TENANT, tenant);
    put(labels, TenantIsolation.TENANT_NAMESPACE, tenantNamespace);
    put(labels, Labels.MANAGED_BY, managed ? "stevedore-operator" : null);
    var namespace =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName("n")
            .withLabels(labels)
            .endMetadata()
            .build();

    assertThat(TenantOwnership.of(namespace, acme()))
        .isEqualTo(TenantOwnership.Verdict.valueOf(verdict));
  }

  @ParameterizedTest(name = "owner reference uid {0} -> {1}")
  @CsvSource({"uid-1, OWNED", "uid-2, FOREIGN"})
  void anOwnerReferenceToTheTenantProvesItToo(String uid, String verdict) {
    var secret =
        new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata()
            .withName("tenant-acme")
            .withNamespace("team-a")
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withKind("Tenant")
                    .withName("acme")
                    .withUid(uid)
                    .build())
            .endMetadata()
            .build();

    assertThat(TenantOwnership.of(secret, acme()))
        .isEqualTo(TenantOwnership.Verdict.valueOf(verdict));
  }

  private static io.stevedore.operator.api.v1alpha1.Tenant acme() {
    var tenant = Fixtures.tenant("team-a", "acme", "staging", "standard", "standard");
    tenant.getMetadata().setUid("uid-1");
    return tenant;
  }

  private static void put(Map<String, String> labels, String key, String value) {
    if (value != null) {
      labels.put(key, value);
    }
  }
}
