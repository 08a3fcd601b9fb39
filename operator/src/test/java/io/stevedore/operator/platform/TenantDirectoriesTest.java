package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Plan;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TenantDirectoriesTest {
  private final Environment environment = Fixtures.environment("team-a", "staging");

  @Test
  void ingestEntryNamesTheTenantsQueueTableLimitsAndKeyDigest() {
    var acme = tenant("acme");
    acme.getSpec().getPlan().setIngestRatePerSecond(5000);
    acme.getSpec().setRetentionDays(365);

    var directory =
        TenantDirectories.forIngest(environment, List.of(acme), secrets(secret("acme", "stv_a")));

    assertThat(directory.environment()).isEqualTo("staging");
    assertThat(directory.tenants())
        .containsExactly(
            new TenantDirectory.Entry(
                "acme",
                "team-a",
                "tenant.team-a.acme",
                "staging-team-a.acme",
                5000,
                365,
                List.of(ApiKeyDigest.sha256("stv_a")),
                false,
                1));
  }

  @Test
  void entriesAreSortedByNameWhateverTheInputOrder() {
    var secrets = secrets(secret("globex", "k1"), secret("acme", "k2"), secret("initech", "k3"));

    var directory =
        TenantDirectories.forIngest(
            environment, List.of(tenant("globex"), tenant("acme"), tenant("initech")), secrets);
    var reordered =
        TenantDirectories.forIngest(
            environment, List.of(tenant("initech"), tenant("globex"), tenant("acme")), secrets);

    assertThat(directory.tenants())
        .extracting(TenantDirectory.Entry::name)
        .containsExactly("acme", "globex", "initech");
    assertThat(TenantDirectories.toJson(reordered)).isEqualTo(TenantDirectories.toJson(directory));
  }

  @Test
  void unsetRateAndRetentionTakeTheSpecDefaults() {
    var plain = tenant("plain");
    plain.getSpec().setPlan(null);
    plain.getSpec().setRetentionDays(null);
    var halfPlan = tenant("half");
    halfPlan.getSpec().setPlan(new Plan());
    halfPlan.getSpec().getPlan().setIngestRatePerSecond(null);

    var directory =
        TenantDirectories.forIngest(
            environment,
            List.of(plain, halfPlan),
            secrets(secret("plain", "k1"), secret("half", "k2")));

    assertThat(directory.tenants())
        .allSatisfy(
            e -> {
              assertThat(e.ingestRatePerSecond()).isEqualTo(100);
              assertThat(e.retentionDays()).isEqualTo(30);
              assertThat(e.workerWeight()).isEqualTo(1);
            });
  }

  @Test
  void workersReadEachTenantsPlanWeight() {
    var gold = tenant("gold");
    gold.getSpec().setPlan(new Plan());
    gold.getSpec().getPlan().setWorkerWeight(3);
    var basic = tenant("basic");
    basic.getSpec().setPlan(new Plan());
    basic.getSpec().getPlan().setWorkerWeight(null);

    var directory = TenantDirectories.forWorkers(environment, List.of(gold, basic));

    assertThat(directory.tenants())
        .extracting(TenantDirectory.Entry::name, TenantDirectory.Entry::workerWeight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("basic", 1),
            org.assertj.core.groups.Tuple.tuple("gold", 3));
  }

  @Test
  void ingestDirectoryHoldsTheKeysDigestNeverTheKey() {
    String key = "stv_secret-key-material";

    String json =
        TenantDirectories.toJson(
            TenantDirectories.forIngest(
                environment, List.of(tenant("acme")), secrets(secret("acme", key))));

    assertThat(json).contains(ApiKeyDigest.sha256(key));
    assertThat(json).doesNotContain(key);
    assertThat(json).doesNotContain(Base64.getEncoder().encodeToString(key.getBytes()));
  }

  @Test
  void tenantsOfOtherEnvironmentsAndNamespacesAreLeftOut() {
    var otherEnvironment =
        Fixtures.provisioned(
            Fixtures.tenant("team-a", "elsewhere", "prod", "standard", "standard"));
    var otherNamespace =
        Fixtures.provisioned(
            Fixtures.tenant("team-b", "stranger", "staging", "standard", "standard"));

    var directory =
        TenantDirectories.forIngest(
            environment,
            List.of(tenant("acme"), otherEnvironment, otherNamespace),
            secrets(secret("acme", "k1"), secret("elsewhere", "k2"), secret("stranger", "k3")));

    assertThat(directory.tenants()).extracting(TenantDirectory.Entry::name).containsExactly("acme");
  }

  @Test
  void tenantWithoutSecretOrKeyIsLeftOutUntilItHasOne() {
    var keyless = new SecretBuilder().withNewMetadata().withName("tenant-keyless").endMetadata();

    var directory =
        TenantDirectories.forIngest(
            environment,
            List.of(tenant("acme"), tenant("pending"), tenant("keyless")),
            secrets(secret("acme", "k1"), keyless.build()));

    assertThat(directory.tenants()).extracting(TenantDirectory.Entry::name).containsExactly("acme");
  }

  @Test
  void workerEntriesCarryNoKeyDigests() {
    var directory =
        TenantDirectories.forWorkers(environment, List.of(tenant("globex"), tenant("acme")));

    assertThat(directory.environment()).isEqualTo("staging");
    assertThat(directory.tenants())
        .extracting(TenantDirectory.Entry::name)
        .containsExactly("acme", "globex");
    assertThat(directory.tenants())
        .allSatisfy(
            e -> {
              assertThat(e.apiKeySha256()).isEmpty();
              assertThat(e.queue()).isEqualTo("tenant.team-a." + e.name());
              assertThat(e.table()).isEqualTo("staging-team-a." + e.name());
            });
  }

  @Test
  void jsonReadsBackAsTheContractsTenantDirectory() {
    var directory =
        TenantDirectories.forIngest(
            environment, List.of(tenant("acme")), secrets(secret("acme", "k1")));

    assertThat(Serialization.unmarshal(TenantDirectories.toJson(directory), TenantDirectory.class))
        .isEqualTo(directory);
  }

  @Test
  void tenantIsServedOnceItsQueuesExistNotBefore() {
    var fresh = Fixtures.tenant("team-a", "fresh", "staging", "standard", "standard");

    assertThat(
            TenantDirectories.forIngest(environment, List.of(fresh), secrets(secret("fresh", "k")))
                .tenants())
        .isEmpty();
    assertThat(TenantDirectories.forWorkers(environment, List.of(fresh)).tenants()).isEmpty();
  }

  @Test
  void suspendedTenantStaysInBothDirectoriesMarkedSuspended() {
    var paused = tenant("paused");
    paused.getSpec().setSuspended(true);

    assertThat(
            TenantDirectories.forIngest(
                    environment, List.of(paused), secrets(secret("paused", "k")))
                .tenants())
        .singleElement()
        .satisfies(e -> assertThat(e.suspended()).isTrue());
    assertThat(TenantDirectories.forWorkers(environment, List.of(paused)).tenants())
        .singleElement()
        .satisfies(e -> assertThat(e.suspended()).isTrue());
  }

  @Test
  void duringARotationsOverlapBothKeysAreAcceptedCurrentFirst() {
    var secret = secret("acme", "stv_new");
    secret
        .getData()
        .put(
            TenantCredentials.PREVIOUS_API_KEY,
            Base64.getEncoder().encodeToString("stv_old".getBytes(StandardCharsets.UTF_8)));

    var directory =
        TenantDirectories.forIngest(environment, List.of(tenant("acme")), secrets(secret));

    assertThat(directory.tenants().get(0).apiKeySha256())
        .containsExactly(ApiKeyDigest.sha256("stv_new"), ApiKeyDigest.sha256("stv_old"));
  }

  @Test
  void deletedTenantLeavesIngestAtOnceAndWorkersAsItsDeletionPolicySays() {
    var retained = deleting(tenant("retained"), DeletionPolicy.Retain, null);
    var draining = deleting(tenant("draining"), DeletionPolicy.Delete, "Draining");
    var released = deleting(tenant("released"), DeletionPolicy.Delete, TenantServing.RELEASED);
    var all = List.of(retained, draining, released);

    assertThat(
            TenantDirectories.forIngest(
                    environment,
                    all,
                    secrets(
                        secret("retained", "1"), secret("draining", "2"), secret("released", "3")))
                .tenants())
        .isEmpty();
    assertThat(TenantDirectories.forWorkers(environment, all).tenants())
        .extracting(TenantDirectory.Entry::name)
        .containsExactly("draining");
  }

  private static Tenant deleting(Tenant tenant, DeletionPolicy policy, String phase) {
    tenant.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    tenant.getSpec().setDeletionPolicy(policy);
    tenant.getStatus().setOffboarding(phase);
    return tenant;
  }

  private static Tenant tenant(String name) {
    return Fixtures.provisioned(Fixtures.tenant("team-a", name, "staging", "standard", "standard"));
  }

  private static Secret secret(String tenant, String apiKey) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(PlatformNames.tenantSecret(tenant))
        .endMetadata()
        .withData(
            new java.util.HashMap<>(
                Map.of(
                    "apiKey",
                    Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8)))))
        .build();
  }

  private static Map<String, Secret> secrets(Secret... secrets) {
    return Stream.of(secrets)
        .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));
  }
}
