package io.stevedore.sandbox.chaos;

import io.stevedore.contract.RecordTable;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the services hold for the tenants of one namespace that no longer exist: queues, broker
 * users, record tables and MySQL rows. The services are the scenario's own, so everything there
 * under the namespace's names was made by the operator for its tenants.
 */
final class TenantLeftovers {
  private static final List<String> TENANT_TABLES =
      List.of("tenants", "tenant_rules", "tenant_configuration", "agent_config", "processing_log");

  private TenantLeftovers() {}

  /** One line per leftover, naming it. */
  static List<String> of(
      PrivateServices services,
      DynamoDbClient dynamo,
      String namespace,
      String tablePrefix,
      Set<String> tenants)
      throws Exception {
    List<String> orphans = new ArrayList<>();
    String brokerPrefix = "tenant." + namespace + ".";
    for (String queue : services.rabbit().queueNames()) {
      if (queue.startsWith(brokerPrefix) && !tenants.contains(tenantOf(queue, brokerPrefix))) {
        orphans.add("queue " + queue);
      }
    }
    for (String user : services.rabbit().userNames()) {
      if (user.startsWith(brokerPrefix) && !tenants.contains(tenantOf(user, brokerPrefix))) {
        orphans.add("broker user " + user);
      }
    }
    Set<String> expectedTables =
        Set.copyOf(tenants.stream().map(t -> RecordTable.name(tablePrefix, namespace, t)).toList());
    for (String table : dynamo.listTablesPaginator().tableNames()) {
      if (table.startsWith(tablePrefix) && !expectedTables.contains(table)) {
        orphans.add("table " + table);
      }
    }
    try (var connection =
        DriverManager.getConnection(
            services.mariadb().jdbcUrl(), PrivateMariaDb.USER, PrivateMariaDb.PASSWORD)) {
      for (String table : TENANT_TABLES) {
        try (var query =
            connection.prepareStatement(
                "SELECT DISTINCT tenant FROM " + table + " WHERE namespace = ?")) {
          query.setString(1, namespace);
          try (var rows = query.executeQuery()) {
            while (rows.next()) {
              if (!tenants.contains(rows.getString(1))) {
                orphans.add("rows of " + rows.getString(1) + " in " + table);
              }
            }
          }
        } catch (SQLException e) {
          // No tenant was ever registered: the operator has not created the table.
          if (!"42S02".equals(e.getSQLState())) {
            throw e;
          }
        }
      }
    }
    return orphans;
  }

  private static String tenantOf(String name, String prefix) {
    String rest = name.substring(prefix.length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }
}
