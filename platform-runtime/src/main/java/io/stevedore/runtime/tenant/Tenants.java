package io.stevedore.runtime.tenant;

import io.stevedore.contract.TenantDirectory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable snapshot of the tenant directory, indexed for the lookups the roles make. */
public final class Tenants {
  static final Tenants EMPTY = new Tenants(List.of(), 0);

  private final List<TenantDirectory.Entry> all;
  private final long generation;
  private final Map<String, TenantDirectory.Entry> byKeyDigest = new HashMap<>();
  private final Map<String, TenantDirectory.Entry> byQueue = new HashMap<>();

  private Tenants(List<TenantDirectory.Entry> entries, long generation) {
    this.all = List.copyOf(entries);
    this.generation = generation;
    for (var entry : entries) {
      byQueue.put(entry.queue(), entry);
      if (entry.apiKeySha256() != null) {
        entry.apiKeySha256().forEach(digest -> byKeyDigest.put(digest, entry));
      }
    }
  }

  public static Tenants of(TenantDirectory directory) {
    return new Tenants(
        directory.tenants() == null ? List.of() : directory.tenants(), directory.generation());
  }

  /** The directory's generation, as the operator wrote it (0 when it carries none). */
  public long generation() {
    return generation;
  }

  public List<TenantDirectory.Entry> all() {
    return all;
  }

  /** The tenant whose API key has this SHA-256 digest. */
  public Optional<TenantDirectory.Entry> byApiKeyDigest(String digest) {
    return Optional.ofNullable(byKeyDigest.get(digest));
  }

  public Optional<TenantDirectory.Entry> byQueue(String queue) {
    return Optional.ofNullable(byQueue.get(queue));
  }
}
