package io.stevedore.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stevedore.contract.TenantDirectoryManifest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardCountTest {
  private static final int OVERHEAD = 40;

  @ParameterizedTest(name = "{0} tenants of {1} B in objects of {2} B, {3} before: {4} shards")
  @CsvSource({
    // tenants, bytes each, max object bytes, previous count, chosen count
    "0, 350, 4096, 0, 1",
    "10, 350, 4096, 0, 1",
    "11, 350, 4096, 0, 1",
    "12, 350, 4096, 0, 2",
    "50, 350, 4096, 0, 8",
    "2500, 350, 524288, 0, 2",
    "100000, 350, 524288, 0, 128",
    "10000, 350, 524288, 0, 8",
    // shrinks only when the fewer shards are at most three quarters full
    "10, 350, 4096, 2, 2",
    "8, 350, 4096, 2, 1",
    // grows at once, whatever it was
    "50, 350, 4096, 1, 8",
  })
  void theFewestPowerOfTwoShardsThatFitAndNoFlappingAtABoundary(
      int tenants, int bytes, int maxObjectBytes, int previous, int chosen) {
    assertThat(
            ShardCount.choose(
                hashes(tenants), sizes(tenants, bytes), OVERHEAD, maxObjectBytes, previous))
        .isEqualTo(chosen);
  }

  @Test
  void aDirectoryThatTheMostShardsCannotHoldIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> ShardCount.choose(hashes(4000), sizes(4000, 350), OVERHEAD, 4096, 0))
        .isInstanceOf(TenantDirectoryTooLargeException.class)
        .hasMessageContaining("STEVEDORE_TENANT_DIRECTORY_MAX_OBJECT_BYTES");
  }

  private static int[] hashes(int tenants) {
    return IntStream.range(0, tenants)
        .map(i -> TenantDirectoryManifest.hashOf("team-a", "tenant-" + i))
        .toArray();
  }

  private static int[] sizes(int tenants, int bytes) {
    return IntStream.range(0, tenants).map(i -> bytes).toArray();
  }
}
