package io.stevedore.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.platform.TenantDirectories;
import io.stevedore.operator.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantDirectorySecretDependentResourceTest {
  private static final String KEY = "stv_raw-key-never-copied";

  private final Environment environment = Fixtures.environment("team-a", "staging");

  @Test
  void secretIsNamedAfterTheEnvironmentAndIsNoTenantSecret() {
    var metadata = desired().getMetadata();

    assertThat(metadata.getName()).isEqualTo("staging-tenants");
    assertThat(metadata.getNamespace()).isEqualTo("team-a");
    assertThat(metadata.getLabels())
        .containsEntry("stevedore.io/environment", "staging")
        .containsEntry("app.kubernetes.io/component", "tenant-directory")
        .doesNotContainKey("stevedore.io/tenant");
  }

  @Test
  void onlyKeyIsTheDirectoryFileWithTheTenantsKeyDigest() {
    Secret secret = desired();

    assertThat(secret.getData()).containsOnlyKeys(TenantDirectory.FILE_NAME);
    var directory = Serialization.unmarshal(file(secret), TenantDirectory.class);
    assertThat(directory.tenants())
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("acme"))
        .satisfies(e -> assertThat(e.apiKeySha256()).containsExactly(ApiKeyDigest.sha256(KEY)));
  }

  @Test
  void rawKeyAppearsNowhereInTheSecret() {
    Secret secret = desired();

    assertThat(file(secret)).doesNotContain(KEY);
    assertThat(Serialization.asJson(secret))
        .doesNotContain(KEY)
        .doesNotContain(encode(KEY))
        .doesNotContain(encode(KEY).substring(0, 16));
  }

  @Test
  void unchangedInputGivesAnIdenticalSecret() {
    assertThat(desired()).isEqualTo(desired());
  }

  @Test
  void theGenerationStartsAtOneStaysWhileTheContentDoesAndGrowsByOneWithEachChange() {
    Secret first = desired();
    assertThat(generation(first)).isEqualTo(1);

    Secret unchanged = desired(List.of(acme()), first);
    assertThat(unchanged).isEqualTo(first);

    var deleted = acme();
    deleted.getMetadata().setDeletionTimestamp("2026-12-07T03:00:00Z");
    Secret withoutAcme = desired(List.of(deleted), unchanged);
    assertThat(generation(withoutAcme)).isEqualTo(2);
    assertThat(Serialization.unmarshal(file(withoutAcme), TenantDirectory.class).tenants())
        .isEmpty();

    Secret acmeAgain = desired(List.of(acme()), withoutAcme);
    assertThat(generation(acmeAgain)).isEqualTo(3);
  }

  private static long generation(Secret secret) {
    return TenantDirectories.fromSecret(secret).orElseThrow().generation();
  }

  private Secret desired() {
    return desired(List.of(acme()), null);
  }

  private static io.stevedore.operator.api.v1alpha1.Tenant acme() {
    return Fixtures.provisioned(
        Fixtures.tenant("team-a", "acme", "staging", "standard", "standard"));
  }

  private Secret desired(List<io.stevedore.operator.api.v1alpha1.Tenant> tenants, Secret written) {
    var tenantSecret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("tenant-acme")
            .endMetadata()
            .withData(Map.of("apiKey", encode(KEY)))
            .build();
    return TenantDirectorySecretDependentResource.desired(
        environment, tenants, Map.of("tenant-acme", tenantSecret), written);
  }

  private static String file(Secret secret) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(TenantDirectory.FILE_NAME)),
        StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
