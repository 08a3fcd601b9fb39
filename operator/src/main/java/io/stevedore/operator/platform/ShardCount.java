package io.stevedore.operator.platform;

import io.stevedore.contract.TenantDirectoryManifest;

/** How many shards a tenant directory takes (pure): a power of two, at most 256. */
public final class ShardCount {
  /** A smaller count is taken only when its shards fill at most this share of an object. */
  static final double SHRINK_FILL = 0.75;

  private ShardCount() {}

  /**
   * The fewest shards whose every file fits in {@code maxObjectBytes}; never fewer than {@code
   * previous} unless the fewer shards would be at most three quarters full, so a directory hovering
   * at a boundary does not move its tenants back and forth.
   *
   * @param hashes each tenant's {@link TenantDirectoryManifest#hashOf}
   * @param sizes each tenant's bytes in a shard file, in the same order
   * @param overhead the bytes of a shard file without tenants
   * @param previous the count last written (0: none)
   * @throws TenantDirectoryTooLargeException when even the most shards cannot hold it
   */
  public static int choose(
      int[] hashes, int[] sizes, int overhead, int maxObjectBytes, int previous) {
    long[] bytes = new long[TenantDirectoryManifest.MAX_SHARDS];
    for (int i = 0; i < hashes.length; i++) {
      bytes[hashes[i] & (TenantDirectoryManifest.MAX_SHARDS - 1)] += sizes[i];
    }
    int needed = fewestThatFit(bytes, overhead, maxObjectBytes);
    if (needed == 0) {
      throw new TenantDirectoryTooLargeException(
          hashes.length, maxObjectBytes, TenantDirectoryManifest.MAX_SHARDS);
    }
    int roomy = fewestThatFit(bytes, overhead, (long) (maxObjectBytes * SHRINK_FILL));
    return Math.max(needed, Math.min(previous, roomy == 0 ? previous : roomy));
  }

  /** The fewest shards whose largest file is at most {@code limit} bytes; 0 if none is. */
  private static int fewestThatFit(long[] bytesByShard, int overhead, long limit) {
    for (int count = 1; count <= bytesByShard.length; count *= 2) {
      long[] folded = new long[count];
      for (int s = 0; s < bytesByShard.length; s++) {
        folded[s & (count - 1)] += bytesByShard[s];
      }
      long largest = 0;
      for (long b : folded) {
        largest = Math.max(largest, b);
      }
      if (largest + overhead <= limit) {
        return count;
      }
    }
    return 0;
  }
}
