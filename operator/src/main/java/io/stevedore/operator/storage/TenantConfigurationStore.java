package io.stevedore.operator.storage;

import static io.stevedore.operator.storage.TenantConfigStore.bind;
import static io.stevedore.operator.storage.TenantConfigStore.inTransaction;
import static io.stevedore.operator.storage.TenantConfigStore.registeredOwner;

import io.stevedore.contract.rules.InvalidJsonException;
import io.stevedore.contract.rules.Json;
import io.stevedore.operator.platform.ResourceOwner;
import io.stevedore.operator.storage.TenantConfiguration.NamedRule;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's declared configuration in MySQL: its rules in {@code tenant_rules} and the row of
 * {@code tenant_configuration} (generation, rules hash, agent configuration and its ETag) that
 * workers and ingest read. Written in one transaction, only under the tenant's own registration.
 */
public final class TenantConfigurationStore {
  private final MySqlConnections connections;

  public TenantConfigurationStore(MySqlConnections connections) {
    this.connections = connections;
  }

  /**
   * What MySQL holds for the tenant (rules as canonical JSON; a row that is not JSON as it is);
   * empty when it has no configuration row.
   */
  public Optional<TenantConfiguration> read(MySqlEndpoint endpoint, String namespace, String tenant)
      throws SQLException {
    return connections.withConnection(
        endpoint,
        connection -> {
          try (var select =
              connection.prepareStatement(
                  "SELECT generation, rules_hash, agent_config, agent_config_etag"
                      + " FROM tenant_configuration WHERE namespace = ? AND tenant = ?")) {
            bind(select, namespace, tenant);
            try (var row = select.executeQuery()) {
              if (!row.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new TenantConfiguration(
                      rules(connection, namespace, tenant),
                      canonical(row.getString("agent_config")),
                      row.getString("rules_hash"),
                      row.getString("agent_config_etag"),
                      row.getLong("generation")));
            }
          }
        });
  }

  /**
   * Makes MySQL hold {@code configuration}: replaces the tenant's rules (when it declares rules)
   * and its configuration row. Fails with {@link
   * io.stevedore.operator.platform.NameConflictException} unless the tenant's registration is
   * {@code owner}'s.
   */
  public void write(
      MySqlEndpoint endpoint,
      String namespace,
      String tenant,
      ResourceOwner owner,
      TenantConfiguration configuration)
      throws SQLException {
    connections.withConnection(
        endpoint,
        connection ->
            inTransaction(
                connection,
                () -> {
                  var registered = registeredOwner(connection, namespace, tenant, true);
                  if (registered.isEmpty()) {
                    throw new SQLException(
                        "tenant " + namespace + "/" + tenant + " is not registered in MySQL");
                  }
                  owner.require(
                      "MySQL registration of tenant " + namespace + "/" + tenant, registered.get());
                  if (configuration.rules() != null) {
                    replaceRules(connection, namespace, tenant, configuration.rules());
                  }
                  upsertRow(connection, namespace, tenant, configuration);
                  return null;
                }));
  }

  private static List<NamedRule> rules(Connection connection, String namespace, String tenant)
      throws SQLException {
    try (var select =
        connection.prepareStatement(
            "SELECT name, rule FROM tenant_rules WHERE namespace = ? AND tenant = ?"
                + " ORDER BY position")) {
      bind(select, namespace, tenant);
      List<NamedRule> rules = new ArrayList<>();
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          rules.add(new NamedRule(rows.getString("name"), canonical(rows.getString("rule"))));
        }
      }
      return rules;
    }
  }

  private static void replaceRules(
      Connection connection, String namespace, String tenant, List<NamedRule> rules)
      throws SQLException {
    try (var delete =
        connection.prepareStatement(
            "DELETE FROM tenant_rules WHERE namespace = ? AND tenant = ?")) {
      bind(delete, namespace, tenant);
      delete.executeUpdate();
    }
    if (rules.isEmpty()) {
      return;
    }
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO tenant_rules (namespace, tenant, position, name, rule)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rules.size(); i++) {
        bind(insert, namespace, tenant);
        insert.setInt(3, i + 1);
        insert.setString(4, rules.get(i).name());
        insert.setString(5, rules.get(i).json());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void upsertRow(
      Connection connection, String namespace, String tenant, TenantConfiguration configuration)
      throws SQLException {
    try (var upsert =
        connection.prepareStatement(
            "INSERT INTO tenant_configuration"
                + " (namespace, tenant, generation, rules_hash, agent_config, agent_config_etag)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE generation = VALUES(generation),"
                + " rules_hash = VALUES(rules_hash), agent_config = VALUES(agent_config),"
                + " agent_config_etag = VALUES(agent_config_etag)")) {
      bind(upsert, namespace, tenant);
      upsert.setLong(3, configuration.generation());
      upsert.setString(4, configuration.rulesHash());
      upsert.setString(5, configuration.agentConfig());
      upsert.setString(6, configuration.agentConfigETag());
      upsert.executeUpdate();
    }
  }

  /** The canonical text of stored JSON, so formatting alone is never drift; else the text. */
  private static String canonical(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.write(Json.read(json));
    } catch (InvalidJsonException e) {
      return json;
    }
  }
}
