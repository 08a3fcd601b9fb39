package io.stevedore.operator.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A tenant's configuration rows in its Environment's MySQL database: its registration in {@code
 * tenants} and its processing rules in {@code tenant_rules} (the runtime's workers read them; see
 * platform-runtime/RULES.md).
 */
public final class TenantConfigStore {
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

  /** Registers the tenant and writes its default rules, unless it is registered already. */
  public Outcome ensure(MySqlEndpoint endpoint, String namespace, String tenant)
      throws SQLException {
    return connections.withConnection(
        endpoint,
        connection -> inTransaction(connection, () -> ensure(connection, namespace, tenant)));
  }

  /** Whether the tenant is registered (its configuration exists). */
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
   * and processing log.
   */
  public void remove(MySqlEndpoint endpoint, String namespace, String tenant) throws SQLException {
    connections.withConnection(
        endpoint,
        connection ->
            inTransaction(
                connection,
                () -> {
                  for (String table :
                      List.of("tenant_rules", "agent_config", "processing_log", "tenants")) {
                    try (var delete =
                        connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE namespace = ? AND tenant = ?")) {
                      bind(delete, namespace, tenant);
                      delete.executeUpdate();
                    }
                  }
                  return null;
                }));
  }

  private static Outcome ensure(Connection connection, String namespace, String tenant)
      throws SQLException {
    try (var register =
        connection.prepareStatement(
            "INSERT IGNORE INTO tenants (namespace, tenant) VALUES (?, ?)")) {
      bind(register, namespace, tenant);
      if (register.executeUpdate() == 0) {
        return Outcome.PRESENT;
      }
    }
    try (var count =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM tenant_rules WHERE namespace = ? AND tenant = ?")) {
      bind(count, namespace, tenant);
      try (var rows = count.executeQuery()) {
        rows.next();
        if (rows.getInt(1) > 0) {
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

  private interface Work<T> {
    T run() throws SQLException;
  }

  private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
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

  private static void bind(PreparedStatement statement, String namespace, String tenant)
      throws SQLException {
    statement.setString(1, namespace);
    statement.setString(2, tenant);
  }
}
