package io.stevedore.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The small file that says which shard files make up a tenant directory: a tenant lives in shard
 * {@link #shardOf}; each shard file is a {@link TenantDirectory} holding only its tenants, and the
 * manifest carries each one's SHA-256, so a reader re-parses only the shards that changed and never
 * mixes a shard with a manifest it does not belong to.
 *
 * @param environment the Environment these tenants belong to
 * @param generation grows by one with every change of the directory's content (see {@link
 *     TenantDirectory#generation()})
 * @param shards one per shard, in shard order; their count is a power of two
 */
public record TenantDirectoryManifest(String environment, long generation, List<Shard> shards) {

  /** File name of the manifest inside the mounted volume, next to the shard files. */
  public static final String FILE_NAME = "manifest.json";

  /** The most shards a directory has: 256 objects of the configured size. */
  public static final int MAX_SHARDS = 256;

  /**
   * One shard file.
   *
   * @param file its name inside the mounted volume
   * @param sha256 hex SHA-256 of the file's bytes
   * @param tenants how many tenants it lists
   */
  public record Shard(String file, String sha256, int tenants) {}

  /** The file name of shard {@code index}. */
  public static String shardFile(int index) {
    return "tenants-" + index + ".json";
  }

  /**
   * The shard of tenant {@code namespace/name} among {@code shardCount} (a power of two): stable
   * across processes and versions, and when the count doubles a tenant either stays or moves to
   * {@code shard + shardCount}.
   */
  public static int shardOf(String namespace, String name, int shardCount) {
    return hashOf(namespace, name) & (shardCount - 1);
  }

  /** The stable hash {@link #shardOf} takes its low bits from: SHA-256's first four bytes. */
  public static int hashOf(String namespace, String name) {
    byte[] digest = digest((namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
    return ((digest[0] & 0xff) << 24)
        | ((digest[1] & 0xff) << 16)
        | ((digest[2] & 0xff) << 8)
        | (digest[3] & 0xff);
  }

  /** Hex SHA-256 of a shard file's bytes, as the manifest records it. */
  public static String sha256(byte[] content) {
    return HexFormat.of().formatHex(digest(content));
  }

  private static byte[] digest(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
