package io.stevedore.runtime.bench;

import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import io.stevedore.runtime.testing.ShardedDirectoryWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingest's tenant directory at 100,000 tenants: the heap its loaded {@code Tenants} retain (per
 * 10,000 tenants), the time to load it, and the time to take in a change to one tenant, sharded as
 * the operator writes it, against the single-file directory (baseline) in the same run.
 */
final class DirectoryBenchmark implements Benchmark {
  private static final int TENANTS = Integer.getInteger("directory.tenants", 100_000);
  private static final int MAX_OBJECT_BYTES =
      Integer.getInteger("directory.maxObjectBytes", 524_288);
  private static final int CHANGES = 20;
  private static final Duration NEVER = Duration.ofHours(1);

  @Override
  public String run() throws Exception {
    List<TenantDirectory.Entry> entries =
        IntStream.range(0, TENANTS).mapToObj(i -> entry(i, false)).toList();

    Path singleDir = Files.createTempDirectory("directory-bench-single");
    Path single = singleDir.resolve(TenantDirectory.FILE_NAME);
    Files.write(
        single, JsonMapper.shared().writeValueAsBytes(new TenantDirectory("bench", entries, 1)));
    long singleBytes = Files.size(single);
    Measured singleFile =
        measure(
            single,
            i -> {
              var changed = new ArrayList<>(entries);
              changed.set(i, entry(i, i % 2 == 0));
              Files.write(
                  single,
                  JsonMapper.shared()
                      .writeValueAsBytes(new TenantDirectory("bench", changed, 2 + i)));
              Files.setLastModifiedTime(
                  single, FileTime.from(Instant.ofEpochSecond(1_000_000 + i)));
            });
    System.out.printf(
        "single file: %d bytes, load %d ms, %.1f MiB retained, one-tenant change %d ms%n",
        singleBytes, singleFile.loadMs, singleFile.retainedMiB, singleFile.changeMs);

    Path shardedDir = Files.createTempDirectory("directory-bench-sharded");
    var writer = new ShardedDirectoryWriter(shardedDir, "bench");
    int shards = writer.writeAll(entries, MAX_OBJECT_BYTES);
    Measured sharded =
        measure(
            shardedDir.resolve(TenantDirectory.FILE_NAME),
            i -> writer.replace(entry(i, i % 2 == 0)));
    System.out.printf(
        "sharded: %d shards of at most %d bytes, load %d ms, %.1f MiB retained, one-tenant change %d ms%n",
        shards, MAX_OBJECT_BYTES, sharded.loadMs, sharded.retainedMiB, sharded.changeMs);

    return String.format(
        "RESULT directory %.1f MiB tenants=%d shards=%d reload_one_ms=%d load_ms=%d"
            + " single_file_reload_one_ms=%d single_file_load_ms=%d single_file_mib_per_10k=%.1f"
            + " bytes_per_tenant=%d",
        sharded.retainedMiB * 10_000 / TENANTS,
        TENANTS,
        shards,
        sharded.changeMs,
        sharded.loadMs,
        singleFile.changeMs,
        singleFile.loadMs,
        singleFile.retainedMiB * 10_000 / TENANTS,
        singleBytes / TENANTS);
  }

  private record Measured(long loadMs, double retainedMiB, long changeMs) {}

  private interface Change {
    void apply(int tenant) throws Exception;
  }

  /** Loads the directory, then takes in {@link #CHANGES} one-tenant changes (median time). */
  private static Measured measure(Path file, Change change) throws Exception {
    long before = usedAfterGc();
    long start = System.nanoTime();
    try (var directory = new TenantDirectoryFile(file, NEVER)) {
      long loadMs = (System.nanoTime() - start) / 1_000_000;
      if (directory.current().all().size() != TENANTS) {
        throw new IllegalStateException("loaded " + directory.current().all().size() + " tenants");
      }
      double retained = (usedAfterGc() - before) / 1024.0 / 1024.0;
      long[] changes = new long[CHANGES];
      for (int i = 0; i < CHANGES; i++) {
        change.apply(i * 997 % TENANTS);
        long t = System.nanoTime();
        if (!directory.reloadIfChanged()) {
          throw new IllegalStateException("change " + i + " was not taken in");
        }
        changes[i] = (System.nanoTime() - t) / 1_000_000;
      }
      Arrays.sort(changes);
      return new Measured(loadMs, retained, changes[CHANGES / 2]);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** A tenant as ingest's directory lists it: one key digest, the usual names. */
  private static TenantDirectory.Entry entry(int i, boolean suspended) {
    String namespace = "team-" + (i % 50);
    String name = "tenant-" + i;
    return new TenantDirectory.Entry(
        name,
        namespace,
        TenantQueues.of(namespace, name).main(),
        RecordTable.name("prod-", namespace, name),
        500,
        30,
        List.of(ApiKeyDigest.sha256("stv_bench_" + i)),
        suspended);
  }
}
