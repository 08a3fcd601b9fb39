package io.stevedore.operator.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A small connection pool per MySQL endpoint, and the platform schema applied once per database
 * (Flyway, with the migrations of platform-contract that the runtime applies too), so that no
 * tenant costs a connection or a migration of its own.
 */
public final class MySqlConnections implements AutoCloseable {
  /**
   * Where platform-contract keeps the migrations; the runtime's Spring Boot Flyway reads them too.
   */
  public static final String MIGRATIONS = "classpath:db/migration";

  private static final int POOL_SIZE = 8;
  private static final long TIMEOUT_MILLIS = 3_000;

  /** Work done on a pooled connection, which is returned to the pool afterwards. */
  @FunctionalInterface
  public interface ConnectionWork<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final Map<MySqlEndpoint, HikariDataSource> pools = new ConcurrentHashMap<>();
  private final Map<MySqlEndpoint, Boolean> migrated = new ConcurrentHashMap<>();

  /**
   * Runs {@code work} on a connection to {@code endpoint}'s database, after making sure its schema
   * is current.
   */
  public <T> T withConnection(MySqlEndpoint endpoint, ConnectionWork<T> work) throws SQLException {
    HikariDataSource pool = pool(endpoint);
    migrate(endpoint, pool);
    try (Connection connection = pool.getConnection()) {
      return work.apply(connection);
    }
  }

  /** Forgets that the endpoint's schema was verified (e.g. the database was re-created). */
  public void forgetSchema(MySqlEndpoint endpoint) {
    migrated.remove(endpoint);
  }

  @Override
  public void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }

  private HikariDataSource pool(MySqlEndpoint endpoint) {
    // Endpoints include the password: a rotated database password gets a pool of its own.
    return pools.computeIfAbsent(endpoint, MySqlConnections::open);
  }

  private void migrate(MySqlEndpoint endpoint, HikariDataSource pool) throws SQLException {
    if (migrated.containsKey(endpoint)) {
      return;
    }
    synchronized (pool) {
      if (migrated.containsKey(endpoint)) {
        return;
      }
      try {
        Flyway.configure()
            .dataSource(pool)
            .locations(MIGRATIONS)
            .connectRetries(0)
            .load()
            .migrate();
      } catch (FlywayException e) {
        throw new SQLException("schema migration of " + endpoint + " failed: " + e.getMessage(), e);
      }
      migrated.put(endpoint, true);
    }
  }

  private static HikariDataSource open(MySqlEndpoint endpoint) {
    var config = new HikariConfig();
    config.setJdbcUrl(endpoint.url());
    config.setUsername(endpoint.username());
    config.setPassword(endpoint.password());
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(TIMEOUT_MILLIS);
    config.setValidationTimeout(1_000);
    config.setIdleTimeout(60_000);
    // Start without a database: an unreachable MySQL fails the step that needs it, not the
    // operator.
    config.setInitializationFailTimeout(-1);
    config.setPoolName("stevedore-mysql-" + endpoint.url().replaceAll("[^A-Za-z0-9]+", "-"));
    config.addDataSourceProperty("connectTimeout", String.valueOf(TIMEOUT_MILLIS));
    config.addDataSourceProperty("socketTimeout", String.valueOf(TIMEOUT_MILLIS * 5));
    return new HikariDataSource(config);
  }
}
