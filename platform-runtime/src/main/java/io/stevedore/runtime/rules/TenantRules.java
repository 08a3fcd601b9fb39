package io.stevedore.runtime.rules;

import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.contract.rules.InvalidRuleException;
import io.stevedore.contract.rules.Rule;
import io.stevedore.contract.rules.RuleParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rules of each tenant, read from MySQL table {@code tenant_rules} in position order and cached
 * for a short time, so that a changed rule applies within {@code ttl} without a restart; a tenant
 * whose Tenant declares its rules is reloaded as soon as {@link #reloadChanged} sees its rules hash
 * in {@code tenant_configuration} change. A row that is not a valid rule is logged, counted ({@code
 * stevedore.worker.rules.invalid}) and skipped.
 */
public class TenantRules {
  private static final Logger log = LoggerFactory.getLogger(TenantRules.class);
  private static final String SELECT =
      "SELECT position, rule FROM tenant_rules WHERE namespace = ? AND tenant = ? ORDER BY position";
  private static final String SELECT_HASH =
      "SELECT rules_hash FROM tenant_configuration WHERE namespace = ? AND tenant = ?";
  private static final String SELECT_HASHES =
      "SELECT namespace, tenant, rules_hash FROM tenant_configuration";

  private record TenantKey(String namespace, String tenant) {}

  /** Rules as loaded, with the rules hash MySQL had just before (null: not declared). */
  private record Loaded(List<Rule> rules, Instant at, String hash) {}

  private record Row(int position, String json) {}

  private final JdbcTemplate jdbc;
  private final Duration ttl;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Map<TenantKey, Loaded> cache = new ConcurrentHashMap<>();

  public TenantRules(JdbcTemplate jdbc, Duration ttl, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.ttl = ttl;
    this.clock = clock;
    this.meters = meters;
  }

  /** The tenant's valid rules in order; reads MySQL when the cached copy is older than the TTL. */
  public List<Rule> of(String namespace, String tenant) {
    TenantKey key = new TenantKey(namespace, tenant);
    Instant now = clock.instant();
    Loaded loaded = cache.get(key);
    if (loaded == null || !now.isBefore(loaded.at().plus(ttl))) {
      // Two threads may reload at once after expiry; both read the same rows.
      // The hash is read first: rules changed in between only cause one more reload.
      String hash = hash(key);
      loaded = new Loaded(load(key), now, hash);
      cache.put(key, loaded);
    }
    return loaded.rules();
  }

  /**
   * Forgets the cached rules of every tenant whose rules hash changed since they were loaded, so
   * that the next batch reads them again; one query for all tenants (workers poll it each second).
   */
  public void reloadChanged() {
    jdbc.query(
        SELECT_HASHES,
        rs -> {
          TenantKey key = new TenantKey(rs.getString("namespace"), rs.getString("tenant"));
          Loaded loaded = cache.get(key);
          if (loaded != null && !Objects.equals(loaded.hash(), rs.getString("rules_hash"))) {
            cache.remove(key, loaded);
          }
        });
  }

  private String hash(TenantKey key) {
    List<String> hashes =
        jdbc.query(SELECT_HASH, (rs, i) -> rs.getString(1), key.namespace(), key.tenant());
    return hashes.isEmpty() ? null : hashes.get(0);
  }

  private List<Rule> load(TenantKey key) {
    List<Row> rows =
        jdbc.query(
            SELECT,
            (rs, i) -> new Row(rs.getInt("position"), rs.getString("rule")),
            key.namespace(),
            key.tenant());
    List<Rule> rules = new ArrayList<>(rows.size());
    for (Row row : rows) {
      try {
        rules.add(RuleParser.parse(row.json()));
      } catch (InvalidRuleException e) {
        log.warn(
            "Skipping invalid rule at position {} of tenant {}/{}: {}",
            row.position(),
            key.namespace(),
            key.tenant(),
            e.getMessage());
        meters
            .counter(
                "stevedore.worker.rules.invalid",
                "namespace",
                key.namespace(),
                "tenant",
                key.tenant())
            .increment();
      }
    }
    return List.copyOf(rules);
  }
}
