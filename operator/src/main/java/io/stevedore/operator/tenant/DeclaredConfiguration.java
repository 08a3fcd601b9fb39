package io.stevedore.operator.tenant;

import io.stevedore.contract.rules.InvalidRuleException;
import io.stevedore.contract.rules.Json;
import io.stevedore.contract.rules.RuleParser;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.GeofenceRule;
import io.stevedore.operator.api.v1alpha1.RenameRule;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantDefaults;
import io.stevedore.operator.api.v1alpha1.TenantRule;
import io.stevedore.operator.api.v1alpha1.TypesRule;
import io.stevedore.operator.storage.TenantConfiguration;
import io.stevedore.operator.storage.TenantConfiguration.NamedRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules and agent configuration a Tenant declares, merged with its Environment's defaults and
 * checked as workers and agents would take them (pure): every rule goes through the parser the
 * workers use, so the operator refuses exactly what a worker would.
 */
final class DeclaredConfiguration {
  /** Reason of a Tenant whose rules a worker would refuse. */
  static final String INVALID_RULES = "InvalidRules";

  /** Reason of a Tenant whose agent configuration cannot be served. */
  static final String INVALID_AGENT_CONFIG = "InvalidAgentConfig";

  /** Most an agent configuration may weigh, serialized (UTF-8). */
  static final int MAX_AGENT_CONFIG_BYTES = 16 * 1024;

  private DeclaredConfiguration() {}

  /** What a Tenant declares. */
  sealed interface Result {}

  /** Neither the Tenant nor its Environment declares rules or agent configuration. */
  record Undeclared() implements Result {}

  /** The configuration MySQL should hold. */
  record Declared(TenantConfiguration configuration) implements Result {}

  /** Something a worker or agent would refuse; nothing is written. */
  record Invalid(String reason, String message) implements Result {}

  static Result of(Environment environment, Tenant tenant) {
    TenantDefaults defaults = environment.getSpec().getTenantDefaults();
    List<TenantRule> defaultRules = defaults == null ? null : defaults.getRules();
    Map<String, Object> defaultAgentConfig = defaults == null ? null : defaults.getAgentConfig();
    var spec = tenant.getSpec();
    Optional<String> problem =
        namesProblem("Environment tenantDefaults.rules", defaultRules)
            .or(() -> namesProblem("spec.rules", spec.getRules()));
    if (problem.isPresent()) {
      return new Invalid(INVALID_RULES, problem.get());
    }
    List<TenantRule> rules = ConfigurationMerge.rules(defaultRules, spec.getRules());
    Map<String, Object> agentConfig =
        ConfigurationMerge.agentConfig(defaultAgentConfig, spec.getAgentConfig());
    if (rules == null && agentConfig == null) {
      return new Undeclared();
    }
    List<NamedRule> stored = null;
    if (rules != null) {
      stored = new ArrayList<>();
      for (TenantRule rule : rules) {
        String json = Json.write(document(rule));
        try {
          RuleParser.parse(json);
        } catch (InvalidRuleException e) {
          return new Invalid(INVALID_RULES, "rule '" + rule.getName() + "': " + e.getMessage());
        }
        stored.add(new NamedRule(rule.getName(), json));
      }
    }
    String agentJson = null;
    if (agentConfig != null) {
      try {
        agentJson = Json.write(agentConfig);
      } catch (IllegalArgumentException e) {
        return new Invalid(INVALID_AGENT_CONFIG, "agentConfig: " + e.getMessage());
      }
      int bytes = agentJson.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_AGENT_CONFIG_BYTES) {
        return new Invalid(
            INVALID_AGENT_CONFIG,
            "agentConfig: "
                + bytes
                + " bytes serialized (with the Environment's defaults), more than the "
                + MAX_AGENT_CONFIG_BYTES
                + " agents may be served");
      }
    }
    Long generation = tenant.getMetadata().getGeneration();
    return new Declared(
        TenantConfiguration.declared(stored, agentJson, generation == null ? 0 : generation));
  }

  /** Whether the Tenant or its Environment declares rules (then no default rules are written). */
  static boolean declaresRules(Environment environment, Tenant tenant) {
    TenantDefaults defaults = environment.getSpec().getTenantDefaults();
    return tenant.getSpec().getRules() != null || (defaults != null && defaults.getRules() != null);
  }

  private static Optional<String> namesProblem(String field, List<TenantRule> rules) {
    if (rules == null) {
      return Optional.empty();
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      TenantRule rule = rules.get(i);
      if (rule == null || rule.getName() == null || rule.getName().isBlank()) {
        return Optional.of(field + "[" + i + "]: name is required");
      }
      if (!seen.add(rule.getName())) {
        return Optional.of(field + ": rule '" + rule.getName() + "' is declared twice");
      }
    }
    return Optional.empty();
  }

  /** The rule in the rule language's JSON form: one key per kind set (the parser wants one). */
  static Map<String, Object> document(TenantRule rule) {
    Map<String, Object> document = new LinkedHashMap<>();
    put(document, "drop", types(rule.getDrop()));
    put(document, "keep", types(rule.getKeep()));
    put(document, "rename", rename(rule.getRename()));
    put(document, "geofence", geofence(rule.getGeofence()));
    return document;
  }

  private static Map<String, Object> types(TypesRule rule) {
    if (rule == null) {
      return null;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    put(body, "types", rule.getTypes());
    return body;
  }

  private static Map<String, Object> rename(RenameRule rule) {
    if (rule == null) {
      return null;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    put(body, "from", rule.getFrom());
    put(body, "to", rule.getTo());
    put(body, "types", rule.getTypes());
    return body;
  }

  private static Map<String, Object> geofence(GeofenceRule rule) {
    if (rule == null) {
      return null;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    put(body, "name", rule.getName());
    put(body, "latitude", rule.getLatitude());
    put(body, "longitude", rule.getLongitude());
    put(body, "radiusMeters", rule.getRadiusMeters());
    put(body, "tag", rule.getTag());
    put(body, "types", rule.getTypes());
    return body;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
