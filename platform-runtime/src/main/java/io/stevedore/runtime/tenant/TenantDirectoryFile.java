package io.stevedore.runtime.tenant;

import io.stevedore.contract.TenantDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant directory the operator mounts, re-read whenever the file changes (the kubelet swaps a
 * mounted Secret or ConfigMap in place), so new tenants are served without a restart. A file that
 * cannot be read keeps the last good directory.
 */
public final class TenantDirectoryFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TenantDirectoryFile.class);
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Path file;
  private final List<Consumer<Tenants>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "tenant-directory");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Tenants current = Tenants.EMPTY;
  private volatile FileTime loadedVersion;

  public TenantDirectoryFile(Path file, Duration reloadInterval) {
    this.file = file;
    reloadIfChanged();
    poller.scheduleWithFixedDelay(
        this::reloadIfChanged,
        reloadInterval.toMillis(),
        reloadInterval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The tenants as last read. */
  public Tenants current() {
    return current;
  }

  /** Calls {@code listener} now and after every change. */
  public void subscribe(Consumer<Tenants> listener) {
    listeners.add(listener);
    listener.accept(current);
  }

  /** Reads the file again if it changed since it was last read; returns whether it did. */
  public synchronized boolean reloadIfChanged() {
    try {
      // The kubelet replaces a symlink; the real file's time changes with each update.
      Path real = file.toRealPath();
      FileTime version = Files.getLastModifiedTime(real);
      if (version.equals(loadedVersion)) {
        return false;
      }
      TenantDirectory directory = JSON.readValue(Files.readAllBytes(real), TenantDirectory.class);
      current = Tenants.of(directory);
      loadedVersion = version;
      log.info("Tenant directory {}: {} tenants", file, current.all().size());
      listeners.forEach(listener -> listener.accept(current));
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Tenant directory {} unreadable, keeping {} tenants: {}",
          file,
          current.all().size(),
          e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
