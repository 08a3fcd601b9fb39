package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.stevedore.contract.rules.Json;
import io.stevedore.operator.api.v1alpha1.TenantRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a tenant's rules and agent configuration combine with its Environment's defaults. */
class ConfigurationMergeTest {

  static Stream<Arguments> ruleCases() {
    // name, default rule names, tenant rule names, merged names with their source (d/t)
    return Stream.of(
        Arguments.of("neither declares rules", null, null, null),
        Arguments.of("defaults only", "a b", null, "a:d b:d"),
        Arguments.of("tenant only", null, "x", "x:t"),
        Arguments.of("an empty tenant list keeps the defaults", "a", "", "a:d"),
        Arguments.of(
            "the tenant's own rules come after the defaults", "a b", "x y", "a:d b:d x:t y:t"),
        Arguments.of(
            "a tenant rule replaces the default of its name in place", "a b c", "b", "a:d b:t c:d"),
        Arguments.of("replaced and added together", "a b", "x a", "a:t b:d x:t"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleCases")
  void rulesMergeByName(String name, String defaults, String own, String expected) {
    List<TenantRule> merged = ConfigurationMerge.rules(rules(defaults, "d"), rules(own, "t"));

    if (expected == null) {
      assertThat(merged).isNull();
    } else {
      assertThat(merged)
          .extracting(r -> r.getName() + ":" + r.getDrop().getTypes().get(0))
          .containsExactly(expected.split(" "));
    }
  }

  static Stream<Arguments> agentConfigCases() {
    // name, defaults, tenant's, merged (JSON; "null" = neither declares one)
    return Stream.of(
        Arguments.of("neither", null, null, "null"),
        Arguments.of("defaults only", "{\"a\":1}", null, "{\"a\":1}"),
        Arguments.of("tenant only", null, "{\"a\":1}", "{\"a\":1}"),
        Arguments.of(
            "a tenant key overrides", "{\"a\":1,\"b\":2}", "{\"b\":3}", "{\"a\":1,\"b\":3}"),
        Arguments.of("null removes a default", "{\"a\":1,\"b\":2}", "{\"b\":null}", "{\"a\":1}"),
        Arguments.of(
            "objects merge deeply",
            "{\"upload\":{\"every\":30,\"gzip\":true}}",
            "{\"upload\":{\"every\":5}}",
            "{\"upload\":{\"every\":5,\"gzip\":true}}"),
        Arguments.of(
            "arrays are replaced, not merged", "{\"l\":[1,2]}", "{\"l\":[3]}", "{\"l\":[3]}"),
        Arguments.of(
            "a value replaces an object",
            "{\"o\":{\"x\":1}}",
            "{\"o\":\"off\"}",
            "{\"o\":\"off\"}"),
        Arguments.of(
            "nulls inside a new object are dropped",
            null,
            "{\"o\":{\"x\":null,\"y\":1}}",
            "{\"o\":{\"y\":1}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("agentConfigCases")
  void agentConfigIsAJsonMergePatchOverTheDefaults(
      String name, String defaults, String own, String expected) {
    assertThat(Json.write(ConfigurationMerge.agentConfig(object(defaults), object(own))))
        .isEqualTo(expected);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String json) {
    return json == null ? null : Serialization.unmarshal(json, Map.class);
  }

  /** Drop rules named as listed, each dropping the type {@code source} to tell them apart. */
  private static List<TenantRule> rules(String names, String source) {
    if (names == null) {
      return null;
    }
    return Arrays.stream(names.split(" "))
        .filter(n -> !n.isEmpty())
        .map(
            n ->
                Serialization.unmarshal(
                    "{\"name\":\"" + n + "\",\"drop\":{\"types\":[\"" + source + "\"]}}",
                    TenantRule.class))
        .toList();
  }
}
