package io.stevedore.contract.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile rule text never crashes the parser the operator and the workers share: it is a rule or an
 * {@link InvalidRuleException}, nothing else (no stack overflow, no NumberFormatException, no
 * ClassCastException), and a valid rule's canonical form reads back as the same rule.
 */
class RuleParserPropertyTest {
  private static final String[] VALID = {
    "{\"drop\":{\"types\":[\"heartbeat\"]}}",
    "{\"keep\":{\"types\":[\"location\",\"temperature\"]}}",
    "{\"rename\":{\"from\":\"temp\",\"to\":\"temperature\",\"types\":[\"t\"]}}",
    "{\"geofence\":{\"types\":[\"location\"],\"name\":\"depot\",\"latitude\":52.37,"
        + "\"longitude\":4.89,\"radiusMeters\":500,\"tag\":\"zone\"}}"
  };

  @Property(tries = 3000)
  void arbitraryTextIsARuleOrInvalidNeverACrash(@ForAll("hostile") String text) {
    try {
      RuleParser.parse(text);
    } catch (InvalidRuleException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void aValidRuleReadsBackFromItsCanonicalForm(@ForAll("valid") String text) {
    Rule rule = RuleParser.parse(text);

    assertThat(RuleParser.parse(Json.write(Json.read(text)))).isEqualTo(rule);
  }

  @Example
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThatThrownBy(() -> RuleParser.parse(deep))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("nested deeper");
  }

  @Example
  void anExponentBeyondRangeIsRefused() {
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    "{\"geofence\":{\"name\":\"d\",\"latitude\":1,\"longitude\":1,"
                        + "\"radiusMeters\":1e99999999999,\"tag\":\"z\"}}"))
        .isInstanceOf(InvalidRuleException.class);
    assertThatThrownBy(
            () ->
                RuleParser.parse(
                    "{\"geofence\":{\"name\":\"d\",\"latitude\":1,\"longitude\":1,"
                        + "\"radiusMeters\":1e400,\"tag\":\"z\"}}"))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining("finite");
  }

  @Provide
  Arbitrary<String> valid() {
    return Arbitraries.of(VALID);
  }

  /** Valid rules cut, spliced and mutated; JSON-ish noise; and plain random strings. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> valid = Arbitraries.of(VALID);
    Arbitrary<String> noise =
        Arbitraries.strings()
            .withChars("{}[]\":,.-+eE0123456789 \\tnulrsfa\u0000\u00e9\ud83d")
            .ofMaxLength(60);
    Arbitrary<String> cut =
        valid.flatMap(
            v -> Arbitraries.integers().between(0, v.length()).map(i -> v.substring(0, i)));
    Arbitrary<String> spliced =
        valid.flatMap(
            v ->
                Arbitraries.integers()
                    .between(0, v.length())
                    .flatMap(i -> noise.map(n -> v.substring(0, i) + n + v.substring(i))));
    Arbitrary<String> values =
        Arbitraries.of(
                "null",
                "true",
                "1",
                "-0",
                "1e999999999",
                "\"x\"",
                "[]",
                "{}",
                "[1,2]",
                "\"\\ud800\"")
            .flatMap(
                value ->
                    Arbitraries.of("drop", "keep", "rename", "geofence", "x")
                        .flatMap(
                            kind ->
                                Arbitraries.of(
                                        "types",
                                        "from",
                                        "to",
                                        "name",
                                        "latitude",
                                        "longitude",
                                        "radiusMeters",
                                        "tag")
                                    .map(
                                        field ->
                                            "{\"" + kind + "\":{\"" + field + "\":" + value
                                                + "}}")));
    return Arbitraries.oneOf(cut, spliced, values, noise, Arbitraries.strings().ofMaxLength(80));
  }
}
