package io.stevedore.operator.platform;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantDirectoryManifest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tenant directory laid out as Kubernetes objects (pure): a manifest object and one object per
 * shard, each at most a configured size, so a directory grows past one object's 1 MiB limit and a
 * change to one tenant rewrites its shard and the manifest only.
 */
public final class ShardedTenantDirectory {
  private ShardedTenantDirectory() {}

  /** The object that holds shard {@code index} of the directory whose manifest is {@code name}. */
  public static String shardObject(String manifestObject, int index) {
    return manifestObject + "-" + index;
  }

  /**
   * The objects that hold {@code directory}: object name → its files (file name → content), the
   * manifest object first.
   *
   * @param previous the manifest as last written, whose generation and shard count this one follows
   *     (see {@link ShardCount#choose})
   * @param maxObjectBytes the most bytes one shard file may hold
   * @throws TenantDirectoryTooLargeException when even {@link TenantDirectoryManifest#MAX_SHARDS}
   *     shards cannot hold it
   */
  public static Map<String, Map<String, String>> layout(
      String manifestObject,
      TenantDirectory directory,
      Optional<TenantDirectoryManifest> previous,
      int maxObjectBytes) {
    List<TenantDirectory.Entry> entries =
        directory.tenants() == null ? List.of() : directory.tenants();
    String header =
        "{\"environment\":" + Serialization.asJson(directory.environment()) + ",\"tenants\":[";
    // A shard is a whole TenantDirectory; its generation is the manifest's business.
    String footer = "],\"generation\":0}";
    int[] hashes = new int[entries.size()];
    int[] sizes = new int[entries.size()];
    List<String> json = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      var entry = entries.get(i);
      json.add(Serialization.asJson(entry));
      hashes[i] = TenantDirectoryManifest.hashOf(entry.namespace(), entry.name());
      // One comma per entry over-counts by one: a byte of headroom.
      sizes[i] = json.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
    }
    int overhead = (header + footer).getBytes(StandardCharsets.UTF_8).length;
    int count =
        ShardCount.choose(
            hashes,
            sizes,
            overhead,
            maxObjectBytes,
            previous.map(m -> m.shards().size()).orElse(0));
    List<StringBuilder> shards = new ArrayList<>(count);
    int[] tenants = new int[count];
    for (int s = 0; s < count; s++) {
      shards.add(new StringBuilder(header));
    }
    for (int i = 0; i < entries.size(); i++) {
      int shard = hashes[i] & (count - 1);
      StringBuilder text = shards.get(shard);
      if (tenants[shard]++ > 0) {
        text.append(',');
      }
      text.append(json.get(i));
    }
    Map<String, Map<String, String>> objects = new LinkedHashMap<>();
    List<TenantDirectoryManifest.Shard> listed = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      String file = TenantDirectoryManifest.shardFile(s);
      String content = shards.get(s).append(footer).toString();
      listed.add(
          new TenantDirectoryManifest.Shard(
              file,
              TenantDirectoryManifest.sha256(content.getBytes(StandardCharsets.UTF_8)),
              tenants[s]));
      objects.put(shardObject(manifestObject, s), Map.of(file, content));
    }
    var manifest =
        new TenantDirectoryManifest(
            directory.environment(), generation(previous, directory.environment(), listed), listed);
    Map<String, Map<String, String>> withManifest = new LinkedHashMap<>();
    withManifest.put(
        manifestObject, Map.of(TenantDirectoryManifest.FILE_NAME, Serialization.asJson(manifest)));
    withManifest.putAll(objects);
    return withManifest;
  }

  /** The same generation while every shard is unchanged, the next one otherwise, 1 at first. */
  private static long generation(
      Optional<TenantDirectoryManifest> previous,
      String environment,
      List<TenantDirectoryManifest.Shard> shards) {
    return previous
        .map(
            p ->
                Objects.equals(p.environment(), environment) && Objects.equals(p.shards(), shards)
                    ? p.generation()
                    : p.generation() + 1)
        .orElse(1L);
  }

  /** The manifest a manifest object's files hold, or empty when they hold none it can read. */
  public static Optional<TenantDirectoryManifest> manifest(Map<String, String> files) {
    String json = files == null ? null : files.get(TenantDirectoryManifest.FILE_NAME);
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Serialization.unmarshal(json, TenantDirectoryManifest.class));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The whole directory as written, with the manifest's generation; empty unless every shard the
   * manifest lists is there with the content it names.
   *
   * @param filesOf object name → its files, null when the object does not exist
   */
  public static Optional<TenantDirectory> read(
      String manifestObject, Function<String, Map<String, String>> filesOf) {
    var manifest = manifest(filesOf.apply(manifestObject));
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    List<TenantDirectory.Entry> entries = new ArrayList<>();
    for (int s = 0; s < manifest.get().shards().size(); s++) {
      var shard = shard(manifestObject, manifest.get(), s, filesOf);
      if (shard.isEmpty()) {
        return Optional.empty();
      }
      entries.addAll(shard.get());
    }
    return Optional.of(
        new TenantDirectory(manifest.get().environment(), entries, manifest.get().generation()));
  }

  /**
   * The manifest's generation with only the shard that holds tenant {@code namespace/name} (all
   * that deciding whether the directory lists it needs); empty unless that shard matches the
   * manifest.
   */
  public static Optional<TenantDirectory> readShardOf(
      String manifestObject,
      Function<String, Map<String, String>> filesOf,
      String namespace,
      String name) {
    return manifest(filesOf.apply(manifestObject))
        .filter(m -> !m.shards().isEmpty())
        .flatMap(
            m ->
                shard(
                        manifestObject,
                        m,
                        TenantDirectoryManifest.shardOf(namespace, name, m.shards().size()),
                        filesOf)
                    .map(entries -> new TenantDirectory(m.environment(), entries, m.generation())));
  }

  private static Optional<List<TenantDirectory.Entry>> shard(
      String manifestObject,
      TenantDirectoryManifest manifest,
      int index,
      Function<String, Map<String, String>> filesOf) {
    var listed = manifest.shards().get(index);
    var files = filesOf.apply(shardObject(manifestObject, index));
    String content = files == null ? null : files.get(listed.file());
    if (content == null
        || !listed
            .sha256()
            .equals(TenantDirectoryManifest.sha256(content.getBytes(StandardCharsets.UTF_8)))) {
      return Optional.empty();
    }
    return TenantDirectories.fromJson(content)
        .map(d -> d.tenants() == null ? List.<TenantDirectory.Entry>of() : d.tenants());
  }
}
