package io.stevedore.sandbox;

import io.stevedore.sandbox.cluster.PodProcessListener;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What one sandbox run made, written to {@code <runs>/<id>.properties} before it makes it and kept
 * current while it runs: the run's own JVM, its RabbitMQ vhost, its database, its pods' work
 * directory and its pods' processes. A run that ends removes it; one that is killed leaves it for
 * the next run to clean up after ({@link Leftovers}).
 */
final class RunRecord implements PodProcessListener, AutoCloseable {
  private final Path file;
  private final RecordedProcess owner;
  private final String vhost;
  private final String database;
  private final Path workDirectory;
  private final Map<String, RecordedProcess> pods = new TreeMap<>();

  private RunRecord(
      Path file, RecordedProcess owner, String vhost, String database, Path workDirectory) {
    this.file = file;
    this.owner = owner;
    this.vhost = vhost;
    this.database = database;
    this.workDirectory = workDirectory;
  }

  /**
   * Records, in {@code runs}, that this JVM begins a run: the vhost, database and work directory it
   * is about to make are named after a fresh id.
   */
  static RunRecord begin(Path runs) {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    var record =
        new RunRecord(
            runs.resolve(id + ".properties"),
            RecordedProcess.of(ProcessHandle.current()),
            "stevedore-sandbox-" + id,
            "stevedore_sandbox_" + id,
            Path.of(System.getProperty("java.io.tmpdir"), "stevedore-sandbox-" + id));
    record.save();
    return record;
  }

  /** Every run recorded in {@code runs}, this machine's earlier ones included. */
  static List<RunRecord> all(Path runs) {
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(runs)) {
      List<RunRecord> records = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
        records.add(load(file));
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RunRecord load(Path file) throws IOException {
    var properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    var record =
        new RunRecord(
            file,
            RecordedProcess.parse(properties.getProperty("owner")),
            properties.getProperty("vhost"),
            properties.getProperty("database"),
            Path.of(properties.getProperty("workDirectory")));
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("pod.")) {
        record.pods.put(
            key.substring("pod.".length()), RecordedProcess.parse(properties.getProperty(key)));
      }
    }
    return record;
  }

  RecordedProcess owner() {
    return owner;
  }

  String vhost() {
    return vhost;
  }

  String database() {
    return database;
  }

  Path workDirectory() {
    return workDirectory;
  }

  synchronized List<RecordedProcess> pods() {
    return List.copyOf(pods.values());
  }

  Path file() {
    return file;
  }

  @Override
  public synchronized void started(String pod, ProcessHandle process) {
    pods.put(pod, RecordedProcess.of(process));
    save();
  }

  @Override
  public synchronized void stopped(String pod, ProcessHandle process) {
    pods.remove(pod);
    save();
  }

  /** Forgets the run, once everything it made is gone. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Written to a temporary file and moved into place, so a reader never sees half a record. */
  private synchronized void save() {
    var properties = new Properties();
    properties.setProperty("owner", owner.format());
    properties.setProperty("vhost", vhost);
    properties.setProperty("database", database);
    properties.setProperty("workDirectory", workDirectory.toAbsolutePath().toString());
    pods.forEach((name, process) -> properties.setProperty("pod." + name, process.format()));
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".run", ".tmp");
      try (Writer out = Files.newBufferedWriter(temp)) {
        properties.store(out, "a sandbox run: what it made (removed when it ends)");
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the sandbox run in " + file, e);
    }
  }
}
