package io.stevedore.operator.tenant;

import io.stevedore.operator.api.v1alpha1.TenantRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a Tenant's rules and agent configuration combine with its Environment's `tenantDefaults`
 * (pure): rules merged by name, agent configuration as a JSON merge patch (RFC 7386).
 */
final class ConfigurationMerge {
  private ConfigurationMerge() {}

  /**
   * The defaults in their order, each replaced in place by the tenant's rule of the same name, then
   * the tenant's other rules in theirs; null when neither declares rules. Names are unique in each
   * list (checked before).
   */
  static List<TenantRule> rules(List<TenantRule> defaults, List<TenantRule> own) {
    if (defaults == null && own == null) {
      return null;
    }
    Map<String, TenantRule> byName = new LinkedHashMap<>();
    for (TenantRule rule : Objects.requireNonNullElse(defaults, List.<TenantRule>of())) {
      byName.put(rule.getName(), rule);
    }
    for (TenantRule rule : Objects.requireNonNullElse(own, List.<TenantRule>of())) {
      byName.put(rule.getName(), rule);
    }
    return new ArrayList<>(byName.values());
  }

  /** {@code own} applied to {@code defaults} as a JSON merge patch; null when neither is set. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> agentConfig(Map<String, Object> defaults, Map<String, Object> own) {
    if (defaults == null && own == null) {
      return null;
    }
    if (own == null) {
      return (Map<String, Object>) mergePatch(null, defaults);
    }
    return (Map<String, Object>) mergePatch(defaults, own);
  }

  /** RFC 7386: an object patches key by key (null removes), anything else replaces the target. */
  static Object mergePatch(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> patchObject)) {
      return patch;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    if (target instanceof Map<?, ?> targetObject) {
      targetObject.forEach((k, v) -> result.put(String.valueOf(k), v));
    }
    patchObject.forEach(
        (k, v) -> {
          String key = String.valueOf(k);
          if (v == null) {
            result.remove(key);
          } else {
            result.put(key, mergePatch(result.get(key), v));
          }
        });
    return result;
  }
}
