package io.stevedore.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.TenantDirectoryManifest;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.platform.ShardedTenantDirectory;
import io.stevedore.operator.platform.TenantDirectories;
import io.stevedore.operator.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantDirectorySecretsDependentResourceTest {
  private static final String KEY = "stv_raw-key-never-copied";
  private static final int ONE_MIB = 1024 * 1024;

  private final Environment environment = Fixtures.environment("team-a", "staging");
  private final TenantDirectorySecretsDependentResource dependent =
      new TenantDirectorySecretsDependentResource();

  @Test
  void manifestSecretIsNamedAfterTheEnvironmentItsShardsAfterItAndNoneIsATenantSecret() {
    var secrets = desired(List.of(acme()), Optional.empty(), ONE_MIB);

    assertThat(secrets.keySet())
        .extracting(ResourceID::getName)
        .containsExactly("staging-tenants", "staging-tenants-0");
    for (Secret secret : secrets.values()) {
      assertThat(secret.getMetadata().getNamespace()).isEqualTo("team-a");
      assertThat(secret.getMetadata().getLabels())
          .containsEntry("stevedore.io/environment", "staging")
          .containsEntry("app.kubernetes.io/component", "tenant-directory")
          .doesNotContainKey("stevedore.io/tenant");
    }
  }

  @Test
  void theDirectoryReadsBackWithTheTenantsKeyDigestAndNeverTheRawKey() {
    var secrets = desired(List.of(acme()), Optional.empty(), ONE_MIB);

    assertThat(read(secrets).tenants())
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("acme"))
        .satisfies(e -> assertThat(e.apiKeySha256()).containsExactly(ApiKeyDigest.sha256(KEY)));
    assertThat(Serialization.asJson(secrets.values()))
        .doesNotContain(KEY)
        .doesNotContain(encode(KEY))
        .doesNotContain(encode(KEY).substring(0, 16));
  }

  @Test
  void theGenerationStartsAtOneStaysWhileTheContentDoesAndGrowsByOneWithEachChange() {
    var first = desired(List.of(acme()), Optional.empty(), ONE_MIB);
    assertThat(read(first).generation()).isEqualTo(1);

    var unchanged = desired(List.of(acme()), manifest(first), ONE_MIB);
    assertThat(unchanged).isEqualTo(first);

    var deleted = acme();
    deleted.getMetadata().setDeletionTimestamp("2026-12-07T03:00:00Z");
    var withoutAcme = desired(List.of(deleted), manifest(unchanged), ONE_MIB);
    assertThat(read(withoutAcme).generation()).isEqualTo(2);
    assertThat(read(withoutAcme).tenants()).isEmpty();

    assertThat(read(desired(List.of(acme()), manifest(withoutAcme), ONE_MIB)).generation())
        .isEqualTo(3);
  }

  @Test
  void moreTenantsThanOneSecretHoldsSpreadOverShardsAndAChangeToOneRewritesOnlyItsShard() {
    List<Tenant> tenants = new ArrayList<>();
    Map<String, Secret> keys = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      tenants.add(tenant("t" + i));
      keys.put("tenant-t" + i, keySecret("tenant-t" + i, KEY + i));
    }
    var before = desired(tenants, keys, Optional.empty(), 4096);
    assertThat(before).hasSizeGreaterThan(3);
    assertThat(read(before).tenants()).hasSize(50);
    before.values().forEach(s -> assertThat(Serialization.asJson(s).length()).isLessThan(8192));

    tenants.get(7).getSpec().setSuspended(true);
    var after = desired(tenants, keys, manifest(before), 4096);

    assertThat(after.keySet()).isEqualTo(before.keySet());
    var changed =
        after.keySet().stream().filter(id -> !after.get(id).equals(before.get(id))).toList();
    int shard = TenantDirectoryManifest.shardOf("team-a", "t7", before.size() - 1);
    assertThat(changed)
        .extracting(ResourceID::getName)
        .containsExactlyInAnyOrder("staging-tenants", "staging-tenants-" + shard);
    assertThat(read(after).generation()).isEqualTo(2);
  }

  private Map<ResourceID, Secret> desired(
      List<Tenant> tenants, Optional<TenantDirectoryManifest> previous, int maxBytes) {
    return desired(
        tenants, Map.of("tenant-acme", keySecret("tenant-acme", KEY)), previous, maxBytes);
  }

  private Map<ResourceID, Secret> desired(
      List<Tenant> tenants,
      Map<String, Secret> keys,
      Optional<TenantDirectoryManifest> previous,
      int maxBytes) {
    return dependent.desired(
        environment, TenantDirectories.forIngest(environment, tenants, keys), previous, maxBytes);
  }

  private Optional<TenantDirectoryManifest> manifest(Map<ResourceID, Secret> secrets) {
    return ShardedTenantDirectory.manifest(
        dependent.files(secrets.get(new ResourceID("staging-tenants", "team-a"))));
  }

  private io.stevedore.contract.TenantDirectory read(Map<ResourceID, Secret> secrets) {
    return ShardedTenantDirectory.read(
            "staging-tenants",
            name -> {
              Secret secret = secrets.get(new ResourceID(name, "team-a"));
              return secret == null ? null : dependent.files(secret);
            })
        .orElseThrow();
  }

  private static Tenant acme() {
    return tenant("acme");
  }

  private static Tenant tenant(String name) {
    return Fixtures.provisioned(Fixtures.tenant("team-a", name, "staging", "standard", "standard"));
  }

  private static Secret keySecret(String name, String key) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withData(Map.of("apiKey", encode(key)))
        .build();
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
