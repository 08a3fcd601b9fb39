package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantDefaults;
import io.stevedore.operator.api.v1alpha1.TenantSpec;
import io.stevedore.operator.storage.TenantConfiguration;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.ParsedExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator checks a Tenant's rules with the workers' parser and refuses them naming the rule
 * and the problem; what it accepts has a hash and an ETag that change only with the content.
 */
class DeclaredConfigurationTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String HEARTBEAT = "{name: no-heartbeats, drop: {types: [heartbeat]}}";

  @Test
  void aTenantThatDeclaresNothingLeavesTheRulesToPeople() {
    assertThat(DeclaredConfiguration.of(environment(null), tenant("{}")))
        .isInstanceOf(DeclaredConfiguration.Undeclared.class);
  }

  @Test
  void declaredRulesAreStoredInTheRuleLanguageUnderTheirNames() {
    var declared =
        (DeclaredConfiguration.Declared)
            DeclaredConfiguration.of(
                environment(null),
                tenant(
                    "{rules: ["
                        + HEARTBEAT
                        + ", {name: zone, geofence: {name: depot, latitude: 52.37,"
                        + " longitude: 4.89, radiusMeters: 500, tag: zone}}]}"));

    assertThat(declared.configuration().rules())
        .containsExactly(
            new TenantConfiguration.NamedRule(
                "no-heartbeats", "{\"drop\":{\"types\":[\"heartbeat\"]}}"),
            new TenantConfiguration.NamedRule(
                "zone",
                "{\"geofence\":{\"latitude\":52.37,\"longitude\":4.89,\"name\":\"depot\","
                    + "\"radiusMeters\":500,\"tag\":\"zone\"}}"));
    assertThat(declared.configuration().agentConfig()).isNull();
    assertThat(declared.configuration().rulesHash()).hasSize(64);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          two kinds in one rule  | {rules: [{name: r, drop: {types: [a]}, keep: {types: [b]}}]}  | InvalidRules | rule 'r': a rule is an object with exactly one of
          no kind                | {rules: [{name: r}]}                                          | InvalidRules | rule 'r': a rule is an object with exactly one of
          rename to itself       | {rules: [{name: r, rename: {from: a, to: a}}]}                | InvalidRules | rule 'r': rename: from and to are the same field
          radius zero            | {rules: [{name: g, geofence: {name: d, latitude: 1, longitude: 1, radiusMeters: 0, tag: z}}]} | InvalidRules | rule 'g': geofence: radiusMeters must be positive
          empty types            | {rules: [{name: r, keep: {types: []}}]}                       | InvalidRules | rule 'r': keep: types must be a non-empty array
          blank type             | {rules: [{name: r, keep: {types: [' ']}}]}                    | InvalidRules | rule 'r': keep: types must be a non-empty array
          a name twice           | {rules: [{name: r, drop: {types: [a]}}, {name: r, drop: {types: [b]}}]} | InvalidRules | spec.rules: rule 'r' is declared twice
          no name                | {rules: [{drop: {types: [a]}}]}                               | InvalidRules | spec.rules[0]: name is required
          """)
  void refusesWhatAWorkerWouldRefuseNamingTheRule(
      String name, String spec, String reason, String message) {
    var result = DeclaredConfiguration.of(environment(null), tenant(spec));

    assertThat(result).isInstanceOf(DeclaredConfiguration.Invalid.class);
    var invalid = (DeclaredConfiguration.Invalid) result;
    assertThat(invalid.reason()).isEqualTo(reason);
    assertThat(invalid.message()).startsWith(message.strip());
  }

  @Test
  void anAgentConfigOverSixteenKibibytesIsRefused() {
    String big = "x".repeat(DeclaredConfiguration.MAX_AGENT_CONFIG_BYTES);
    var result =
        DeclaredConfiguration.of(environment(null), tenant("{agentConfig: {blob: " + big + "}}"));

    assertThat(result).isInstanceOf(DeclaredConfiguration.Invalid.class);
    assertThat(((DeclaredConfiguration.Invalid) result).reason()).isEqualTo("InvalidAgentConfig");
    assertThat(((DeclaredConfiguration.Invalid) result).message()).contains("16384");
  }

  @Test
  void hashAndEtagChangeWithTheContentOnly() {
    var defaults =
        yaml("{rules: [" + HEARTBEAT + "], agentConfig: {every: 30}}", TenantDefaults.class);
    var one = declared(environment(defaults), tenant("{agentConfig: {gzip: true}}"));
    var same = declared(environment(defaults), tenant("{agentConfig: {gzip: true}, rules: []}"));
    var otherAgent = declared(environment(defaults), tenant("{agentConfig: {gzip: false}}"));
    var otherRules =
        declared(
            environment(defaults),
            tenant("{rules: [{name: no-heartbeats, drop: {types: [ping]}}]}"));

    assertThat(same.rulesHash()).isEqualTo(one.rulesHash());
    assertThat(same.agentConfigETag()).isEqualTo(one.agentConfigETag());
    assertThat(otherAgent.agentConfigETag()).isNotEqualTo(one.agentConfigETag());
    assertThat(otherAgent.rulesHash()).isEqualTo(one.rulesHash());
    assertThat(otherRules.rulesHash()).isNotEqualTo(one.rulesHash());
    assertThat(one.agentConfig()).isEqualTo("{\"every\":30,\"gzip\":true}");
  }

  private static <T> T yaml(String yaml, Class<T> type) {
    try {
      return YAML.readValue(yaml, type);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theShippedExamplesDeclareConfigurationTheOperatorAccepts() {
    var environment = ParsedExamples.ofType(Environment.class).get(0);
    var acme =
        ParsedExamples.ofType(Tenant.class).stream()
            .filter(t -> t.getMetadata().getName().equals("acme"))
            .findFirst()
            .orElseThrow();

    var configuration = declared(environment, acme);

    assertThat(configuration.rules())
        .extracting(TenantConfiguration.NamedRule::name)
        .containsExactly("no-heartbeats", "units", "depot");
    assertThat(configuration.agentConfig())
        .isEqualTo(
            "{\"gzip\":true,\"sampling\":{\"location\":\"1s\"},\"uploadIntervalSeconds\":5}");
  }

  private static TenantConfiguration declared(Environment environment, Tenant tenant) {
    return ((DeclaredConfiguration.Declared) DeclaredConfiguration.of(environment, tenant))
        .configuration();
  }

  private static Environment environment(TenantDefaults defaults) {
    var environment = Fixtures.environment("ns", "staging");
    environment.getSpec().setTenantDefaults(defaults);
    return environment;
  }

  private static Tenant tenant(String specYaml) {
    var tenant = Fixtures.tenant("ns", "acme", "staging", "pool", "standard");
    var spec = yaml(specYaml, TenantSpec.class);
    tenant.getSpec().setRules(spec.getRules());
    tenant.getSpec().setAgentConfig(spec.getAgentConfig());
    return tenant;
  }
}
