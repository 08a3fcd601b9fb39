package io.stevedore.operator.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * An Environment's MySQL database, as its connection Secret describes it.
 *
 * @param url JDBC URL, e.g. {@code jdbc:mysql://mysql:3306/stevedore}
 * @param username database user
 * @param password its password
 */
public record MySqlEndpoint(String url, String username, String password) {
  private static final int TIMEOUT_MILLIS = 3_000;

  /** A new connection; the caller closes it. Fails within seconds when MySQL is down. */
  public Connection connect() throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", username);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_MILLIS));
    properties.setProperty("socketTimeout", String.valueOf(TIMEOUT_MILLIS * 5));
    return DriverManager.getConnection(url, properties);
  }

  @Override
  public String toString() {
    return username + "@" + url;
  }
}
