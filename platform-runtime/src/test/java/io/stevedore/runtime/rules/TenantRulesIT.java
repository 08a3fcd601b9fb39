package io.stevedore.runtime.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stevedore.contract.rules.Rule;
import io.stevedore.runtime.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Against MariaDB: a tenant whose rules hash changes is reloaded at the next poll, long before the
 * TTL; a tenant without a hash (rules edited by people) waits for the TTL as before.
 */
class TenantRulesIT {
  private static final String DROP_A = "{\"drop\":{\"types\":[\"a\"]}}";
  private static final String DROP_B = "{\"drop\":{\"types\":[\"b\"]}}";

  @Test
  void aChangedRulesHashReloadsThatTenantAtTheNextPollOnly() {
    try (var database = TestDatabase.create()) {
      var jdbc =
          new JdbcTemplate(
              new DriverManagerDataSource(
                  database.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD));
      Flyway.configure()
          .dataSource(database.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD)
          .load()
          .migrate();
      rule(jdbc, "declared", DROP_A);
      jdbc.update(
          "INSERT INTO tenant_configuration (namespace, tenant, generation, rules_hash)"
              + " VALUES ('ns', 'declared', 1, 'h1')");
      rule(jdbc, "by-hand", DROP_A);
      var rules =
          new TenantRules(jdbc, Duration.ofHours(1), Clock.systemUTC(), new SimpleMeterRegistry());
      assertThat(rules.of("ns", "declared")).containsExactly(new Rule.Drop(Set.of("a")));
      assertThat(rules.of("ns", "by-hand")).containsExactly(new Rule.Drop(Set.of("a")));

      jdbc.update("UPDATE tenant_rules SET rule = ?", DROP_B);
      rules.reloadChanged();
      assertThat(rules.of("ns", "declared")).containsExactly(new Rule.Drop(Set.of("a")));

      jdbc.update("UPDATE tenant_configuration SET rules_hash = 'h2'");
      rules.reloadChanged();
      assertThat(rules.of("ns", "declared")).containsExactly(new Rule.Drop(Set.of("b")));
      assertThat(rules.of("ns", "by-hand")).containsExactly(new Rule.Drop(Set.of("a")));
    }
  }

  private static void rule(JdbcTemplate jdbc, String tenant, String json) {
    jdbc.update(
        "INSERT INTO tenant_rules (namespace, tenant, position, rule) VALUES ('ns', ?, 1, ?)",
        tenant,
        json);
  }
}
