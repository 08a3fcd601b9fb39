package io.stevedore.runtime.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantDirectoryManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class TenantDirectoryFileTest {
  private static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path directory;
  private final AtomicLong modified = new AtomicLong(1_000_000);

  @Test
  void servedGenerationIsTheLoadedDirectorysOnceNoRequestHoldsAnOlderOne() throws Exception {
    write(7, "acme", "globex");
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      assertThat(file.servedGeneration()).isEqualTo(7);

      write(8, "globex");
      assertThat(file.servedGeneration()).isEqualTo(7);
      assertThat(file.reloadIfChanged()).isTrue();

      assertThat(file.servedGeneration()).isEqualTo(8);
      assertThat(file.current().all())
          .extracting(TenantDirectory.Entry::name)
          .containsExactly("globex");
    }
  }

  @Test
  void aRequestLeasedFromAnOlderDirectoryHoldsTheServedGenerationBackUntilItEnds()
      throws Exception {
    write(3, "acme");
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      var inFlight = file.lease();
      var later = file.lease();
      later.close();

      write(4);
      file.reloadIfChanged();
      write(5);
      file.reloadIfChanged();

      // The request authenticated acme against generation 3 and may still publish for it.
      assertThat(inFlight.tenants().all()).extracting(TenantDirectory.Entry::name).contains("acme");
      assertThat(file.servedGeneration()).isEqualTo(3);
      try (var fresh = file.lease()) {
        assertThat(fresh.tenants().generation()).isEqualTo(5);
        assertThat(file.servedGeneration()).isEqualTo(3);
      }
      inFlight.close();
      inFlight.close(); // closing twice releases once
      assertThat(file.servedGeneration()).isEqualTo(5);
    }
  }

  @Test
  void aDirectoryWithoutAGenerationServesGenerationZero() throws Exception {
    Files.writeString(path(), "{\"environment\":\"staging\",\"tenants\":[]}");
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      assertThat(file.servedGeneration()).isZero();
    }
  }

  @Test
  void aShardedDirectoryIsReadFromItsManifestAndShardsAndServesTheManifestsGeneration()
      throws Exception {
    writeShard(0, "acme");
    writeShard(1, "globex", "initech");
    writeManifest(4, 0, 1);
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      assertThat(file.servedGeneration()).isEqualTo(4);
      assertThat(file.current().all())
          .extracting(TenantDirectory.Entry::name)
          .containsExactlyInAnyOrder("acme", "globex", "initech");
      assertThat(file.current().byApiKeyDigest("d-initech")).isPresent();
    }
  }

  @Test
  void onlyShardsWhoseHashChangedAreReadAgain() throws Exception {
    writeShard(0, "acme");
    writeShard(1, "globex");
    writeManifest(1, 0, 1);
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      // Shard 0 changes on disk behind the manifest's back: a reader that re-read it would refuse.
      String stillListed = shardHashes.get(0);
      writeShard(0, "someone-else");
      writeShard(1, "globex", "initech");
      shardHashes.set(0, stillListed);
      writeManifest(2, 0, 1);

      assertThat(file.reloadIfChanged()).isTrue();
      assertThat(file.current().all())
          .extracting(TenantDirectory.Entry::name)
          .containsExactlyInAnyOrder("acme", "globex", "initech");
    }
  }

  @Test
  void aManifestAheadOfItsShardsKeepsTheLastGoodDirectoryUntilTheShardsCatchUp() throws Exception {
    writeShard(0, "acme");
    writeManifest(1, 0);
    try (var file = new TenantDirectoryFile(path(), NEVER)) {
      var next = shardJson("acme", "globex");
      shardHashes.set(0, TenantDirectoryManifest.sha256(next));
      writeManifest(2, 0);

      assertThat(file.reloadIfChanged()).isFalse();
      assertThat(file.servedGeneration()).isEqualTo(1);

      Files.write(directory.resolve(TenantDirectoryManifest.shardFile(0)), next);
      assertThat(file.reloadIfChanged()).isTrue();
      assertThat(file.servedGeneration()).isEqualTo(2);
      assertThat(file.current().all()).hasSize(2);
    }
  }

  private final List<String> shardHashes = new java.util.ArrayList<>(List.of("", ""));

  private void writeShard(int index, String... tenants) throws Exception {
    byte[] content = shardJson(tenants);
    Files.write(directory.resolve(TenantDirectoryManifest.shardFile(index)), content);
    shardHashes.set(index, TenantDirectoryManifest.sha256(content));
  }

  private static byte[] shardJson(String... tenants) {
    return JsonMapper.shared().writeValueAsBytes(new TenantDirectory("staging", entries(tenants)));
  }

  private void writeManifest(long generation, int... shards) throws Exception {
    var listed =
        java.util.Arrays.stream(shards)
            .mapToObj(
                s ->
                    new TenantDirectoryManifest.Shard(
                        TenantDirectoryManifest.shardFile(s), shardHashes.get(s), 1))
            .toList();
    Files.write(
        directory.resolve(TenantDirectoryManifest.FILE_NAME),
        JsonMapper.shared()
            .writeValueAsBytes(new TenantDirectoryManifest("staging", generation, listed)));
  }

  private static List<TenantDirectory.Entry> entries(String... tenants) {
    return java.util.Arrays.stream(tenants)
        .map(
            name ->
                new TenantDirectory.Entry(
                    name, "ns", "tenant.ns." + name, "t", 100, 30, List.of("d-" + name), false))
        .toList();
  }

  private Path path() {
    return directory.resolve(TenantDirectory.FILE_NAME);
  }

  private void write(long generation, String... tenants) throws Exception {
    var entries = entries(tenants);
    Files.write(
        path(),
        JsonMapper.shared().writeValueAsBytes(new TenantDirectory("staging", entries, generation)));
    // The file's time is its version: make each write a new one, whatever the clock's resolution.
    Files.setLastModifiedTime(
        path(), FileTime.from(Instant.ofEpochSecond(modified.incrementAndGet())));
  }
}
