package io.stevedore.runtime.tenant;

import io.stevedore.contract.TenantDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant directory the operator mounts, re-read whenever it changes (the kubelet swaps a
 * mounted volume in place), so new tenants are served without a restart: a sharded directory (a
 * manifest next to the configured file, see {@link ShardedDirectoryFiles}) re-parses only the
 * shards that changed; without a manifest the configured file is the whole directory (as older
 * operators write it). A directory that cannot be read, or whose shards do not match its manifest
 * yet, keeps the last good one.
 *
 * <p>A request that must not outlive its tenant's removal holds a {@link Lease} on the directory it
 * authenticated against; {@link #servedGeneration()} is the oldest generation still leased or
 * loaded, which is what the operator waits for before it deletes a departed tenant's queues.
 */
public final class TenantDirectoryFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TenantDirectoryFile.class);
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Path file;
  private final ShardedDirectoryFiles shards;
  private final List<Consumer<Tenants>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "tenant-directory");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<Loaded> retired = ConcurrentHashMap.newKeySet();
  private volatile Loaded current = new Loaded(Tenants.EMPTY);
  private volatile FileTime loadedVersion;

  /** One loaded directory and the requests that still serve from it. */
  private record Loaded(Tenants tenants, AtomicInteger requests) {
    Loaded(Tenants tenants) {
      this(tenants, new AtomicInteger());
    }
  }

  /** The directory a request authenticated against, held until the request has its answer. */
  public static final class Lease implements AutoCloseable {
    private final Loaded loaded;
    private boolean closed;

    private Lease(Loaded loaded) {
      this.loaded = loaded;
    }

    public Tenants tenants() {
      return loaded.tenants();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        loaded.requests().decrementAndGet();
      }
    }
  }

  public TenantDirectoryFile(Path file, Duration reloadInterval) {
    this.file = file;
    this.shards = new ShardedDirectoryFiles(file.toAbsolutePath().getParent(), JSON);
    reloadIfChanged();
    poller.scheduleWithFixedDelay(
        this::reloadIfChanged,
        reloadInterval.toMillis(),
        reloadInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The tenants as last read. */
  public Tenants current() {
    return current.tenants();
  }

  /** The tenants as last read, counted as served until the lease is closed. */
  public Lease lease() {
    while (true) {
      Loaded loaded = current;
      loaded.requests().incrementAndGet();
      // A reload in between may have retired it unseen by servedGeneration(): take the new one.
      if (loaded == current) {
        return new Lease(loaded);
      }
      loaded.requests().decrementAndGet();
    }
  }

  /**
   * The generation this pod serves: the loaded directory's, or an older one's while a request
   * leased from it still runs (it may still publish for a tenant the loaded one no longer has).
   */
  public long servedGeneration() {
    long oldest = current.tenants().generation();
    for (Loaded loaded : retired) {
      if (loaded.requests().get() > 0) {
        oldest = Math.min(oldest, loaded.tenants().generation());
      }
    }
    return oldest;
  }

  /** Calls {@code listener} now and after every change. */
  public void subscribe(Consumer<Tenants> listener) {
    listeners.add(listener);
    listener.accept(current.tenants());
  }

  /** Reads the directory again if it changed since it was last read; returns whether it did. */
  public synchronized boolean reloadIfChanged() {
    try {
      var directory =
          ShardedDirectoryFiles.isSharded(file.toAbsolutePath().getParent())
              ? shards.readIfChanged()
              : readFileIfChanged();
      if (directory.isEmpty()) {
        return false;
      }
      Loaded loaded = new Loaded(Tenants.of(directory.get()));
      // Retired before replaced: servedGeneration() reads current first, then the retired ones.
      retired.add(current);
      current = loaded;
      // Only after the swap: a request that leases the old one from now on sees it is stale.
      retired.removeIf(old -> old.requests().get() == 0);
      log.info(
          "Tenant directory {}: generation {}, {} tenants",
          file,
          directory.get().generation(),
          loaded.tenants().all().size());
      listeners.forEach(listener -> listener.accept(loaded.tenants()));
      return true;
    } catch (ShardedDirectoryFiles.Inconsistent e) {
      log.debug(
          "Tenant directory {} mid-update, keeping the last good one: {}", file, e.getMessage());
      return false;
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Tenant directory {} unreadable, keeping {} tenants: {}",
          file,
          current.tenants().all().size(),
          e.getMessage());
      return false;
    }
  }

  /** The single-file directory, if the file changed since it was last read. */
  private Optional<TenantDirectory> readFileIfChanged() throws IOException {
    // The kubelet replaces a symlink; the real file's time changes with each update.
    Path real = file.toRealPath();
    FileTime version = Files.getLastModifiedTime(real);
    if (version.equals(loadedVersion)) {
      return Optional.empty();
    }
    TenantDirectory directory = JSON.readValue(Files.readAllBytes(real), TenantDirectory.class);
    loadedVersion = version;
    return Optional.of(directory);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
