package io.stevedore.runtime.testing;

import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.RecordTable;
import io.stevedore.contract.SqsQueueNames;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.contract.TenantQueues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants for a test, written as the operator writes its tenant directory; names are unique per run
 * so that queues and tables on the shared broker never collide.
 */
public final class TestTenants {
  public static final String TABLE_PREFIX = "test-";

  /** A tenant and its API key (the directory only holds the key's digest). */
  public record TestTenant(TenantDirectory.Entry entry, String apiKey) {
    public String name() {
      return entry.name();
    }

    public TenantQueues queues() {
      return TenantQueues.of(entry.namespace(), entry.name());
    }

    /** Its queues on SQS, as the operator names them. */
    public SqsQueueNames sqsQueues() {
      return entry.sqsQueues();
    }
  }

  private final String namespace = "t" + UUID.randomUUID().toString().substring(0, 8);
  private final List<TestTenant> tenants = new ArrayList<>();
  private final Path file;
  private long generation;

  public TestTenants(Path directory) {
    this.file = directory.resolve(TenantDirectory.FILE_NAME);
  }

  public Path file() {
    return file;
  }

  public String namespace() {
    return namespace;
  }

  /** Adds a tenant with the given ingest rate and writes the directory file. */
  public TestTenant add(String name, int ingestRatePerSecond) {
    return add(name, ingestRatePerSecond, TenantDirectory.Entry.DEFAULT_WORKER_WEIGHT, false);
  }

  /** Adds a tenant with the given ingest rate and worker weight and writes the directory file. */
  public TestTenant add(String name, int ingestRatePerSecond, int workerWeight) {
    return add(name, ingestRatePerSecond, workerWeight, false);
  }

  /** Adds a suspended tenant (its key is known, but refused) and writes the directory file. */
  public TestTenant addSuspended(String name) {
    return add(name, 100, TenantDirectory.Entry.DEFAULT_WORKER_WEIGHT, true);
  }

  private TestTenant add(
      String name, int ingestRatePerSecond, int workerWeight, boolean suspended) {
    String apiKey = "stv_test_" + UUID.randomUUID();
    var entry =
        new TenantDirectory.Entry(
            name,
            namespace,
            TenantQueues.of(namespace, name).main(),
            RecordTable.name(TABLE_PREFIX, namespace, name),
            ingestRatePerSecond,
            30,
            List.of(ApiKeyDigest.sha256(apiKey)),
            suspended,
            workerWeight,
            SqsQueueNames.of(namespace, name));
    var tenant = new TestTenant(entry, apiKey);
    tenants.add(tenant);
    write();
    return tenant;
  }

  /** Takes the tenant out and writes the directory file, as the operator does when it goes. */
  public void remove(TestTenant tenant) {
    tenants.remove(tenant);
    write();
  }

  /** The generation of the directory as last written (each write is the next one). */
  public long generation() {
    return generation;
  }

  public List<TestTenant> all() {
    return List.copyOf(tenants);
  }

  private void write() {
    var directory =
        new TenantDirectory("test", tenants.stream().map(TestTenant::entry).toList(), ++generation);
    try {
      Path temp = Files.createTempFile(file.getParent(), "tenants", ".tmp");
      Files.write(temp, JsonMapper.shared().writeValueAsBytes(directory));
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
