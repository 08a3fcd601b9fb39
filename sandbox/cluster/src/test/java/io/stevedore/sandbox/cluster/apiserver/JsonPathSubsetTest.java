package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathSubsetTest {
  private static final JsonNode OBJECT =
      Json.parse(
          """
          {"metadata": {"name": "staging", "labels": {"app.kubernetes.io/name": "ingest"}},
           "spec": {"release": {"version": "1.4.2"}, "replicas": 2},
           "status": {"conditions": [
             {"type": "Available", "status": "True", "reason": "Ok"},
             {"type": "Ready", "status": "False", "reason": "RollingOut"}]}}
          """);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        ".metadata.name | staging",
        "{.metadata.name} | staging",
        "$.spec.release.version | 1.4.2",
        ".spec.replicas | 2",
        ".status.conditions[?(@.type==\"Ready\")].status | False",
        ".status.conditions[?(@.type == 'Ready')].reason | RollingOut",
        ".status.conditions[?(@.type!=\"Ready\")].type | Available",
        ".status.conditions[0].type | Available",
        ".status.conditions[-1].type | Ready",
        ".metadata.labels['app.kubernetes.io/name'] | ingest",
      })
  void selectsTheFirstResultAsPrinterColumnsDo(String path, String expected) {
    assertThat(JsonPathSubset.compile(path).evaluate(OBJECT))
        .first()
        .extracting(JsonNode::asText)
        .isEqualTo(expected);
  }

  @Test
  void wildcardsSelectEveryElementInOrder() {
    assertThat(JsonPathSubset.compile(".status.conditions[*].type").evaluate(OBJECT))
        .extracting(JsonNode::asText)
        .containsExactly("Available", "Ready");
  }

  @Test
  void missingFieldsSelectNothing() {
    assertThat(JsonPathSubset.compile(".status.replicas").evaluate(OBJECT)).isEmpty();
    assertThat(
            JsonPathSubset.compile(".status.conditions[?(@.type==\"Gone\")].status")
                .evaluate(OBJECT))
        .isEmpty();
    assertThat(JsonPathSubset.compile(".spec.release[0]").evaluate(OBJECT)).isEmpty();
  }

  @Test
  void unsupportedSyntaxIsRejectedWhenCompiled() {
    for (String path : List.of(".spec..version", ".status.conditions[?(@.type=~/R/)]", "spec")) {
      assertThatThrownBy(() -> JsonPathSubset.compile(path))
          .as(path)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unsupported JSONPath");
    }
  }
}
