package io.stevedore.operator.storage;

import io.stevedore.operator.platform.ResourceOwner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's configuration rows in its Environment's MySQL database: its registration in {@code
 * tenants} and its processing rules in {@code tenant_rules} (the runtime's workers read them; see
 * platform-runtime/RULES.md). The registration records the Tenant it was made for ({@code
 * owner_uid}); rows under another Tenant's registration are never changed or removed.
 */
public final class TenantConfigStore implements TenantConfigs {
  /**
   * Rules a new tenant starts with: agents' liveness heartbeats are not data worth storing. A
   * person may change or delete them; the operator writes them only once.
   */
  public static final List<String> DEFAULT_RULES =
      List.of("{\"drop\":{\"types\":[\"heartbeat\"]}}");

  /** What {@link #ensure} found and did. */
  public enum Outcome {
    /** The tenant was registered before; nothing was written. */
    PRESENT,
    /** The tenant was registered now, with the default rules. */
    CREATED,
    /** The tenant was registered now; it already had rules, which were kept. */
    REGISTERED_KEEPING_RULES
  }

  private final MySqlConnections connections;

  public TenantConfigStore(MySqlConnections connections) {
    this.connections = connections;
  }

  /**
   * Registers the tenant and (when {@code writeDefaultRules}: it declares no rules) writes the
   * default rules, unless it is registered already; a registration that is not the owner's fails
   * with {@link io.stevedore.operator.platform.NameConflictException}, one that records no owner
   * and is the owner's by its status is marked now.
   */
  @Override
  public Outcome ensure(
      MySqlEndpoint endpoint,
      String namespace,
      String tenant,
      ResourceOwner owner,
      boolean writeDefaultRules)
      throws SQLException {
    return connections.withConnection(
        endpoint,
        connection ->
            inTransaction(
                connection, () -> ensure(connection, namespace, tenant, owner, writeDefaultRules)));
  }

  /** Whether the tenant is registered (its configuration exists). */
  @Override
  public boolean exists(MySqlEndpoint endpoint, String namespace, String tenant)
      throws SQLException {
    return connections.withConnection(
        endpoint,
        connection -> {
          try (var select =
              connection.prepareStatement(
                  "SELECT 1 FROM tenants WHERE namespace = ? AND tenant = ?")) {
            bind(select, namespace, tenant);
            try (var rows = select.executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  /**
   * Deletes everything the database holds for the tenant: registration, rules, agent configuration
   * and processing log; nothing when the registration is not the owner's.
   *
   * @return false when another Tenant's registration (or one made by hand) was left as it is
   */
  @Override
  public boolean remove(
      MySqlEndpoint endpoint, String namespace, String tenant, ResourceOwner owner)
      throws SQLException {
    return connections.withConnection(
        endpoint,
        connection ->
            inTransaction(
                connection,
                () -> {
                  var registered = registeredOwner(connection, namespace, tenant, true);
                  if (registered.isPresent() && !owner.owns(registered.get())) {
                    return false;
                  }
                  for (String table :
                      List.of(
                          "tenant_rules",
                          "tenant_configuration",
                          "agent_config",
                          "processing_log",
                          "tenants")) {
                    try (var delete =
                        connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE namespace = ? AND tenant = ?")) {
                      bind(delete, namespace, tenant);
                      delete.executeUpdate();
                    }
                  }
                  return true;
                }));
  }

  private static Outcome ensure(
      Connection connection,
      String namespace,
      String tenant,
      ResourceOwner owner,
      boolean writeDefaultRules)
      throws SQLException {
    try (var register =
        connection.prepareStatement(
            "INSERT IGNORE INTO tenants (namespace, tenant, owner_uid) VALUES (?, ?, ?)")) {
      bind(register, namespace, tenant);
      register.setString(3, owner.uid());
      if (register.executeUpdate() == 0) {
        Optional<String> recorded =
            registeredOwner(connection, namespace, tenant, true).orElse(Optional.empty());
        owner.require("MySQL registration of tenant " + namespace + "/" + tenant, recorded);
        if (owner.claims(recorded)) {
          try (var claim =
              connection.prepareStatement(
                  "UPDATE tenants SET owner_uid = ? WHERE namespace = ? AND tenant = ?")) {
            claim.setString(1, owner.uid());
            claim.setString(2, namespace);
            claim.setString(3, tenant);
            claim.executeUpdate();
          }
        }
        return Outcome.PRESENT;
      }
    }
    try (var count =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM tenant_rules WHERE namespace = ? AND tenant = ?")) {
      bind(count, namespace, tenant);
      try (var rows = count.executeQuery()) {
        rows.next();
        if (rows.getInt(1) > 0 || !writeDefaultRules) {
          return Outcome.REGISTERED_KEEPING_RULES;
        }
      }
    }
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO tenant_rules (namespace, tenant, position, rule) VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < DEFAULT_RULES.size(); i++) {
        bind(insert, namespace, tenant);
        insert.setInt(3, i + 1);
        insert.setString(4, DEFAULT_RULES.get(i));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return Outcome.CREATED;
  }

  /** Empty when the tenant is not registered; else the owner its registration records, if any. */
  static Optional<Optional<String>> registeredOwner(
      Connection connection, String namespace, String tenant, boolean lock) throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT owner_uid FROM tenants WHERE namespace = ? AND tenant = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      bind(select, namespace, tenant);
      try (var rows = select.executeQuery()) {
        return rows.next() ? Optional.of(Optional.ofNullable(rows.getString(1))) : Optional.empty();
      }
    }
  }

  interface Work<T> {
    T run() throws SQLException;
  }

  static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  static void bind(PreparedStatement statement, String namespace, String tenant)
      throws SQLException {
    statement.setString(1, namespace);
    statement.setString(2, tenant);
  }
}
