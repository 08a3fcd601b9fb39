package io.stevedore.operator.simulated;

import io.stevedore.operator.platform.ResourceOwner;
import io.stevedore.operator.storage.MySqlEndpoint;
import io.stevedore.operator.storage.TenantConfigStore;
import io.stevedore.operator.storage.TenantConfigStore.Outcome;
import io.stevedore.operator.storage.TenantConfigs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants' configuration rows in memory, per database, as {@link TenantConfigStore} keeps them in
 * MySQL: a registration recording its owner and the default rules, written once; another owner's
 * registration is a name conflict and is never removed.
 */
public final class SimulatedTenantConfigs implements TenantConfigs {
  private record Registration(Optional<String> ownerUid, List<String> rules) {}

  private final Map<String, Registration> rows = new ConcurrentHashMap<>();

  @Override
  public Outcome ensure(
      MySqlEndpoint endpoint,
      String namespace,
      String tenant,
      ResourceOwner owner,
      boolean writeDefaultRules) {
    String key = key(endpoint, namespace, tenant);
    var made =
        new Registration(
            Optional.of(owner.uid()),
            writeDefaultRules ? TenantConfigStore.DEFAULT_RULES : List.of());
    var existing = rows.putIfAbsent(key, made);
    if (existing == null) {
      return writeDefaultRules ? Outcome.CREATED : Outcome.REGISTERED_KEEPING_RULES;
    }
    owner.require("MySQL registration of tenant " + namespace + "/" + tenant, existing.ownerUid());
    if (owner.claims(existing.ownerUid())) {
      rows.put(key, new Registration(Optional.of(owner.uid()), existing.rules()));
    }
    return Outcome.PRESENT;
  }

  @Override
  public boolean exists(MySqlEndpoint endpoint, String namespace, String tenant) {
    return rows.containsKey(key(endpoint, namespace, tenant));
  }

  @Override
  public boolean remove(
      MySqlEndpoint endpoint, String namespace, String tenant, ResourceOwner owner) {
    String key = key(endpoint, namespace, tenant);
    var existing = rows.get(key);
    if (existing != null && !owner.owns(existing.ownerUid())) {
      return false;
    }
    rows.remove(key);
    return true;
  }

  /** How many tenants are registered. */
  public int count() {
    return rows.size();
  }

  private static String key(MySqlEndpoint endpoint, String namespace, String tenant) {
    return endpoint.url() + "|" + namespace + "|" + tenant;
  }
}
