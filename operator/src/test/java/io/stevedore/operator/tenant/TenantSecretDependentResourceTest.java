package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.ApiKeys;
import io.stevedore.operator.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TenantSecretDependentResourceTest {
  private final Tenant tenant = Fixtures.tenant("team-a", "acme", "staging", "premium", "premium");

  @Test
  void newKeyIsGeneratedAndStoredInBase64WhenNoneExists() {
    Secret secret =
        TenantSecretDependentResource.desired(tenant, Optional.empty(), () -> "stv_new-key");

    String encoded = secret.getData().get("apiKey");
    assertThat(encoded).isEqualTo("c3R2X25ldy1rZXk=");
    assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
        .isEqualTo("stv_new-key");
    assertThat(secret.getData()).containsOnlyKeys(ApiKeys.SECRET_KEY);
  }

  @Test
  void existingKeyIsKeptVerbatimAndNoNewOneIsMade() {
    var calls = new AtomicInteger();

    Secret secret =
        TenantSecretDependentResource.desired(
            tenant,
            Optional.of("c3R2X29sZC1rZXk="),
            () -> {
              calls.incrementAndGet();
              return "stv_new-key";
            });

    assertThat(secret.getData()).isEqualTo(Map.of("apiKey", "c3R2X29sZC1rZXk="));
    assertThat(calls).hasValue(0);
  }

  @Test
  void secretIsNamedAfterTheTenantInItsNamespace() {
    Secret secret = TenantSecretDependentResource.desired(tenant, Optional.empty(), () -> "k");

    assertThat(secret.getMetadata().getName()).isEqualTo("tenant-acme");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(secret.getType()).isEqualTo("Opaque");
  }

  @Test
  void labelsNameTheTenantAndItsEnvironment() {
    Secret secret = TenantSecretDependentResource.desired(tenant, Optional.empty(), () -> "k");

    assertThat(secret.getMetadata().getLabels())
        .containsEntry("stevedore.io/tenant", "acme")
        .containsEntry("stevedore.io/environment", "staging")
        .containsEntry("app.kubernetes.io/component", "tenant-credentials")
        .containsEntry("app.kubernetes.io/managed-by", "stevedore-operator");
  }
}
