package io.stevedore.runtime.testing;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantDirectoryManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a tenant directory as the operator lays it out (a manifest and shard files, the fewest
 * power-of-two shards that fit the object size), for benchmarks of the runtime's reader.
 */
public final class ShardedDirectoryWriter {
  private final Path directory;
  private final String environment;
  private final List<List<TenantDirectory.Entry>> shards = new ArrayList<>();
  private final List<TenantDirectoryManifest.Shard> listed = new ArrayList<>();
  private long generation;

  public ShardedDirectoryWriter(Path directory, String environment) {
    this.directory = directory;
    this.environment = environment;
  }

  /** Writes every shard and the manifest; returns the shard count. */
  public int writeAll(List<TenantDirectory.Entry> entries, int maxObjectBytes) throws IOException {
    for (int count = 1; ; count *= 2) {
      shards.clear();
      for (int s = 0; s < count; s++) {
        shards.add(new ArrayList<>());
      }
      for (var entry : entries) {
        shards
            .get(TenantDirectoryManifest.shardOf(entry.namespace(), entry.name(), count))
            .add(entry);
      }
      boolean fits = true;
      for (var shard : shards) {
        fits &= json(shard).length <= maxObjectBytes;
      }
      if (fits || count == TenantDirectoryManifest.MAX_SHARDS) {
        break;
      }
    }
    listed.clear();
    for (int s = 0; s < shards.size(); s++) {
      listed.add(null);
      writeShard(s);
    }
    writeManifest();
    return shards.size();
  }

  /** Replaces one tenant (same namespace and name) and rewrites its shard and the manifest only. */
  public void replace(TenantDirectory.Entry entry) throws IOException {
    int s = TenantDirectoryManifest.shardOf(entry.namespace(), entry.name(), shards.size());
    var shard = shards.get(s);
    shard.replaceAll(
        e -> e.name().equals(entry.name()) && e.namespace().equals(entry.namespace()) ? entry : e);
    writeShard(s);
    writeManifest();
  }

  private void writeShard(int s) throws IOException {
    byte[] content = json(shards.get(s));
    Files.write(directory.resolve(TenantDirectoryManifest.shardFile(s)), content);
    listed.set(
        s,
        new TenantDirectoryManifest.Shard(
            TenantDirectoryManifest.shardFile(s),
            TenantDirectoryManifest.sha256(content),
            shards.get(s).size()));
  }

  private void writeManifest() throws IOException {
    Files.write(
        directory.resolve(TenantDirectoryManifest.FILE_NAME),
        JsonMapper.shared()
            .writeValueAsBytes(new TenantDirectoryManifest(environment, ++generation, listed)));
  }

  private byte[] json(List<TenantDirectory.Entry> entries) {
    return JsonMapper.shared().writeValueAsBytes(new TenantDirectory(environment, entries));
  }
}
