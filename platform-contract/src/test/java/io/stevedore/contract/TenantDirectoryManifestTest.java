package io.stevedore.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantDirectoryManifestTest {

  @ParameterizedTest
  @CsvSource({
    // namespace, name, shards, shard: the first 4 bytes of SHA-256("namespace/name"), big-endian,
    // modulo the count (computed outside Java), so readers and writers of any version agree
    "team-a, acme, 1, 0",
    "team-a, acme, 2, 1",
    "team-a, acme, 256, 231",
    "team-a, globex, 256, 90",
    "team-b, acme, 256, 63",
  })
  void aTenantsShardIsFixedByItsNamespaceNameAndTheShardCount(
      String namespace, String name, int shards, int shard) {
    assertThat(TenantDirectoryManifest.shardOf(namespace, name, shards)).isEqualTo(shard);
  }

  @Test
  void whenTheCountDoublesATenantStaysOrMovesToItsShardPlusTheOldCount() {
    for (int i = 0; i < 1000; i++) {
      for (int count = 1; count < TenantDirectoryManifest.MAX_SHARDS; count *= 2) {
        int before = TenantDirectoryManifest.shardOf("ns", "t" + i, count);
        int after = TenantDirectoryManifest.shardOf("ns", "t" + i, count * 2);
        assertThat(after).isIn(before, before + count);
      }
    }
  }

  @Test
  void tenantsSpreadEvenlyOverTheShards() {
    int[] counts = new int[64];
    for (int i = 0; i < 64_000; i++) {
      counts[TenantDirectoryManifest.shardOf("ns", "tenant-" + i, 64)]++;
    }
    // 1,000 expected per shard; a fair hash stays within ~5 standard deviations (~160).
    assertThat(java.util.Arrays.stream(counts).boxed().toList())
        .allSatisfy(c -> assertThat(c).isBetween(840, 1160));
  }

  @Test
  void theFileHashIsTheHexSha256OfItsBytes() {
    assertThat(TenantDirectoryManifest.sha256("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(TenantDirectoryManifest.shardFile(7)).isEqualTo("tenants-7.json");
  }
}
