package io.stevedore.runtime.tenant;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantDirectoryManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sharded tenant directory as mounted (a manifest and its shard files, see {@link
 * TenantDirectoryManifest}), read again only where it changed: a shard whose hash the manifest
 * still names is not re-read or re-parsed. Used by one reloading thread at a time.
 */
final class ShardedDirectoryFiles {
  private final Path directory;
  private final JsonMapper json;
  private byte[] loadedManifest;
  private Map<String, LoadedShard> loadedShards = Map.of();

  /** One shard file as last parsed. */
  private record LoadedShard(String sha256, List<TenantDirectory.Entry> entries) {}

  /** A manifest whose shards do not all match it yet (the volume is mid-update): try later. */
  static final class Inconsistent extends Exception {
    Inconsistent(String message) {
      super(message);
    }
  }

  ShardedDirectoryFiles(Path directory, JsonMapper json) {
    this.directory = directory;
    this.json = json;
  }

  /** Whether {@code directory} holds a sharded directory (else the runtime reads one file). */
  static boolean isSharded(Path directory) {
    return Files.exists(directory.resolve(TenantDirectoryManifest.FILE_NAME));
  }

  /**
   * The directory, when it changed since the last successful read; empty when it did not.
   *
   * @throws Inconsistent when a shard is missing or does not match the manifest's hash
   */
  Optional<TenantDirectory> readIfChanged() throws IOException, Inconsistent {
    byte[] manifestBytes = Files.readAllBytes(directory.resolve(TenantDirectoryManifest.FILE_NAME));
    if (Arrays.equals(manifestBytes, loadedManifest)) {
      return Optional.empty();
    }
    var manifest = json.readValue(manifestBytes, TenantDirectoryManifest.class);
    Map<String, LoadedShard> shards = new HashMap<>();
    List<TenantDirectory.Entry> entries = new ArrayList<>();
    for (var listed : manifest.shards()) {
      LoadedShard shard = loadedShards.get(listed.file());
      if (shard == null || !shard.sha256().equals(listed.sha256())) {
        shard = parse(listed);
      }
      shards.put(listed.file(), shard);
      entries.addAll(shard.entries());
    }
    loadedManifest = manifestBytes;
    loadedShards = shards;
    return Optional.of(new TenantDirectory(manifest.environment(), entries, manifest.generation()));
  }

  private LoadedShard parse(TenantDirectoryManifest.Shard listed) throws IOException, Inconsistent {
    Path file = directory.resolve(listed.file());
    if (!Files.exists(file)) {
      throw new Inconsistent(listed.file() + " is missing");
    }
    byte[] content = Files.readAllBytes(file);
    if (!TenantDirectoryManifest.sha256(content).equals(listed.sha256())) {
      throw new Inconsistent(listed.file() + " does not match the manifest yet");
    }
    var shard = json.readValue(content, TenantDirectory.class);
    return new LoadedShard(
        listed.sha256(), shard.tenants() == null ? List.of() : List.copyOf(shard.tenants()));
  }
}
