package io.stevedore.sandbox.cluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorsTest {
  private static final JsonNode ACME =
      Json.parse(
          """
          {"kind": "Event", "metadata": {"name": "acme.1", "namespace": "staging",
             "labels": {"stevedore.io/tier": "premium", "app": "tenant"}},
           "involvedObject": {"kind": "Tenant", "name": "acme", "uid": "u-1"}}
          """);

  @ParameterizedTest(name = "labels \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "| true",
        "stevedore.io/tier=premium | true",
        "stevedore.io/tier==premium | true",
        "stevedore.io/tier=standard | false",
        "stevedore.io/tier!=standard | true",
        "missing!=x | true",
        "stevedore.io/tier in (standard, premium) | true",
        "stevedore.io/tier in (standard) | false",
        "stevedore.io/tier notin (standard) | true",
        "missing notin (x) | true",
        "missing in (x) | false",
        "app | true",
        "!app | false",
        "!missing | true",
        "app=tenant,stevedore.io/tier in (premium,gold) | true",
        "app=tenant,stevedore.io/tier in (gold) | false",
      })
  void labelSelectorsWithTheApiServersGrammar(String selector, boolean matches) {
    assertThat(Selectors.labels(selector).test(ACME)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "fields \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "metadata.name=acme.1 | true",
        "metadata.name=other | false",
        "involvedObject.name=acme,involvedObject.kind=Tenant,involvedObject.uid=u-1 | true",
        "involvedObject.name=acme,involvedObject.kind=WorkerPool | false",
        "metadata.namespace!=prod | true",
        "involvedObject.fieldPath= | true",
      })
  void fieldSelectorsOnAnyDottedPath(String selector, boolean matches) {
    assertThat(Selectors.fields(selector).test(ACME)).isEqualTo(matches);
  }

  @Test
  void malformedSelectorsAreRejected() {
    assertThatThrownBy(() -> Selectors.fields("involvedObject.name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Selectors.labels("a in b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
