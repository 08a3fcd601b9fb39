package io.stevedore.runtime.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh database on the machine's MariaDB (127.0.0.1:3306, user `stevedore`, set up by
 * `./stevedore test`), dropped on close, so tests never share state.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String USER = "stevedore";
  public static final String PASSWORD = "stevedore";
  private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  public static TestDatabase create() {
    String name = "stevedore_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    return new TestDatabase(name);
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return SERVER + name;
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name);
  }

  private static void execute(String sql) {
    try (var connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "MariaDB at 127.0.0.1:3306 (user stevedore) is needed; `./stevedore test` sets it up: "
              + e.getMessage(),
          e);
    }
  }
}
