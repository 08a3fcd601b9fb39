package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantDirectoryManifest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardedTenantDirectoryTest {
  private static final int SMALL = 4096;

  @Test
  void eachTenantIsInTheShardItsHashNamesAndTheManifestNamesEachShardsHashAndCount() {
    var objects = layout(directory(50, 1), Optional.empty(), SMALL);
    var manifest = manifest(objects);

    assertThat(manifest.shards()).hasSize(objects.size() - 1).hasSizeGreaterThan(2);
    for (int s = 0; s < manifest.shards().size(); s++) {
      var listed = manifest.shards().get(s);
      String content = objects.get("env-tenants-" + s).get(listed.file());
      assertThat(listed.file()).isEqualTo("tenants-" + s + ".json");
      assertThat(listed.sha256())
          .isEqualTo(TenantDirectoryManifest.sha256(content.getBytes(StandardCharsets.UTF_8)));
      assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SMALL);
      var tenants = TenantDirectories.fromJson(content).orElseThrow().tenants();
      assertThat(tenants).hasSize(listed.tenants());
      int shard = s;
      assertThat(tenants)
          .allSatisfy(
              e ->
                  assertThat(
                          TenantDirectoryManifest.shardOf(
                              e.namespace(), e.name(), manifest.shards().size()))
                      .isEqualTo(shard));
    }
    assertThat(ShardedTenantDirectory.read("env-tenants", objects::get).orElseThrow().tenants())
        .hasSize(50);
  }

  @Test
  void growingPastWhatTheShardsHoldDoublesTheirCountAndBumpsTheGeneration() {
    var small = layout(directory(10, 1), Optional.empty(), SMALL);
    var grown = layout(directory(40, 1), Optional.of(manifest(small)), SMALL);

    assertThat(manifest(small).shards()).hasSize(1);
    assertThat(manifest(grown).shards().size()).isGreaterThan(1);
    assertThat(manifest(grown).generation()).isEqualTo(2);
    assertThat(ShardedTenantDirectory.read("env-tenants", grown::get).orElseThrow().tenants())
        .hasSize(40);
  }

  @Test
  void aShardThatDoesNotMatchTheManifestMakesTheDirectoryUnreadableNotWrong() {
    var before = layout(directory(50, 1), Optional.empty(), SMALL);
    var after = layout(directory(50, 2), Optional.of(manifest(before)), SMALL);
    Map<String, Map<String, String>> mixed = new HashMap<>(before);
    mixed.put("env-tenants", after.get("env-tenants"));

    assertThat(ShardedTenantDirectory.read("env-tenants", mixed::get)).isEmpty();
    assertThat(ShardedTenantDirectory.read("env-tenants", after::get)).isPresent();
  }

  @Test
  void oneTenantsShardIsReadAloneWithTheManifestsGeneration() {
    var objects = layout(directory(50, 1), Optional.empty(), SMALL);

    var shard = ShardedTenantDirectory.readShardOf("env-tenants", objects::get, "ns", "t7");

    assertThat(shard.orElseThrow().generation()).isEqualTo(1);
    assertThat(TenantDirectories.lists(shard.get(), "ns", "t7")).isTrue();
    assertThat(shard.get().tenants()).hasSizeLessThan(50);
  }

  private static Map<String, Map<String, String>> layout(
      TenantDirectory directory, Optional<TenantDirectoryManifest> previous, int maxBytes) {
    return ShardedTenantDirectory.layout("env-tenants", directory, previous, maxBytes);
  }

  private static TenantDirectoryManifest manifest(Map<String, Map<String, String>> objects) {
    return ShardedTenantDirectory.manifest(objects.get("env-tenants")).orElseThrow();
  }

  private static TenantDirectory directory(int tenants, int rate) {
    return new TenantDirectory(
        "env",
        IntStream.range(0, tenants)
            .mapToObj(
                i ->
                    new TenantDirectory.Entry(
                        "t" + i,
                        "ns",
                        "tenant.ns.t" + i,
                        "env-ns.t" + i,
                        rate,
                        30,
                        List.of("0".repeat(64)),
                        false))
            .toList());
  }
}
