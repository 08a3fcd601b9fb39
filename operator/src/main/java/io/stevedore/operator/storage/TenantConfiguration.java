package io.stevedore.operator.storage;

import io.stevedore.contract.rules.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's declared configuration as MySQL holds it (or should): its rules in order and its agent
 * configuration, both as canonical JSON, with the hash workers poll and the ETag agents get.
 *
 * @param rules the rules in order; null when the tenant declares none (MySQL's are people's)
 * @param agentConfig the agent configuration (canonical JSON object); null when none is declared
 * @param rulesHash SHA-256 (hex) of the rules; null with them
 * @param agentConfigETag the quoted HTTP ETag of the agent configuration; null with it
 * @param generation the Tenant generation that wrote it
 */
public record TenantConfiguration(
    List<NamedRule> rules,
    String agentConfig,
    String rulesHash,
    String agentConfigETag,
    long generation) {

  /** A rule as stored: its name in the Tenant and its RULES.md JSON (canonical). */
  public record NamedRule(String name, String json) {}

  /** The configuration a Tenant of {@code generation} declares, with its hash and ETag. */
  public static TenantConfiguration declared(
      List<NamedRule> rules, String agentConfig, long generation) {
    return new TenantConfiguration(
        rules == null ? null : List.copyOf(rules),
        agentConfig,
        rules == null ? null : sha256(rulesDocument(rules)),
        agentConfig == null ? null : '"' + sha256(agentConfig).substring(0, 32) + '"',
        generation);
  }

  /** Whether MySQL holding {@code held} holds this configuration (whatever generation wrote it). */
  public boolean heldBy(TenantConfiguration held) {
    return (rules == null || rules.equals(held.rules))
        && Objects.equals(agentConfig, held.agentConfig)
        && Objects.equals(rulesHash, held.rulesHash)
        && Objects.equals(agentConfigETag, held.agentConfigETag);
  }

  /** This configuration as written by {@code generation}. */
  public TenantConfiguration writtenBy(long generation) {
    return new TenantConfiguration(rules, agentConfig, rulesHash, agentConfigETag, generation);
  }

  private static String rulesDocument(List<NamedRule> rules) {
    return Json.write(
        rules.stream()
            .map(
                r -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("name", r.name());
                  entry.put("rule", Json.read(r.json()));
                  return entry;
                })
            .toList());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
