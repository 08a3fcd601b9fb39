package io.stevedore.contract.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stored rules are read strictly: every mistake is named, so the row can be reported and skipped.
 */
class RuleParserTest {

  @Test
  void readsEveryKindOfRule() {
    assertThat(RuleParser.parse("{\"drop\":{\"types\":[\"heartbeat\"]}}"))
        .isEqualTo(new Rule.Drop(Set.of("heartbeat")));
    assertThat(RuleParser.parse("{\"keep\":{\"types\":[\"a\",\"b\"]}}"))
        .isEqualTo(new Rule.Keep(Set.of("a", "b")));
    assertThat(RuleParser.parse("{\"rename\":{\"from\":\"temp\",\"to\":\"temperature\"}}"))
        .isEqualTo(new Rule.Rename(Set.of(), "temp", "temperature"));
    assertThat(
            RuleParser.parse(
                "{\"geofence\":{\"types\":[\"location\"],\"name\":\"depot\",\"latitude\":52.37,"
                    + "\"longitude\":4.89,\"radiusMeters\":500,\"tag\":\"zone\"}}"))
        .isEqualTo(new Rule.Geofence(Set.of("location"), "depot", 52.37, 4.89, 500, "zone"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not JSON                      | {drop                                                  | not JSON
          not an object                 | [1]                                                    | exactly one of
          two kinds in one rule         | {"drop":{"types":["a"]},"keep":{"types":["b"]}}        | exactly one of
          unknown kind                  | {"explode":{}}                                         | unknown rule 'explode'
          drop without types            | {"drop":{}}                                            | drop: types is required
          empty types                   | {"keep":{"types":[]}}                                  | non-empty array
          types not strings             | {"drop":{"types":[1]}}                                 | non-empty array
          typo in a field               | {"drop":{"type":["a"]}}                                | unknown field 'type'
          rename without to             | {"rename":{"from":"a"}}                                | rename: to must be
          rename to itself              | {"rename":{"from":"a","to":"a"}}                       | same field
          geofence latitude a string    | {"geofence":{"name":"d","latitude":"52","longitude":4,"radiusMeters":5,"tag":"z"}} | latitude must be a number
          geofence off the globe        | {"geofence":{"name":"d","latitude":95,"longitude":4,"radiusMeters":5,"tag":"z"}}   | within ±90
          geofence radius zero          | {"geofence":{"name":"d","latitude":5,"longitude":4,"radiusMeters":0,"tag":"z"}}    | radiusMeters must be positive
          geofence without tag          | {"geofence":{"name":"d","latitude":5,"longitude":4,"radiusMeters":3}}              | tag must be
          """)
  void rejectsInvalidRulesNamingTheProblem(String name, String json, String problem) {
    assertThatThrownBy(() -> RuleParser.parse(json))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageContaining(problem);
  }
}
