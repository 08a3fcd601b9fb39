package io.stevedore.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorsTest {
  private static final Map<String, String> PREMIUM_EU = Map.of("tier", "premium", "region", "eu");

  static Stream<Arguments> selections() {
    return Stream.of(
        Arguments.of("matchLabels equal", labels(Map.of("tier", "premium")), true),
        Arguments.of("matchLabels other value", labels(Map.of("tier", "standard")), false),
        Arguments.of("matchLabels missing key", labels(Map.of("zone", "a")), false),
        Arguments.of(
            "matchLabels all of two", labels(Map.of("tier", "premium", "region", "us")), false),
        Arguments.of("In listed", expression("tier", "In", "gold", "premium"), true),
        Arguments.of("In not listed", expression("tier", "In", "gold", "standard"), false),
        Arguments.of("In missing key", expression("zone", "In", "a"), false),
        Arguments.of("NotIn listed", expression("tier", "NotIn", "premium"), false),
        Arguments.of("NotIn not listed", expression("tier", "NotIn", "standard"), true),
        Arguments.of("NotIn missing key", expression("zone", "NotIn", "a"), true),
        Arguments.of("Exists present", expression("region", "Exists"), true),
        Arguments.of("Exists absent", expression("zone", "Exists"), false),
        Arguments.of("DoesNotExist absent", expression("zone", "DoesNotExist"), true),
        Arguments.of("DoesNotExist present", expression("region", "DoesNotExist"), false),
        Arguments.of("unknown operator", expression("tier", "Equals", "premium"), false),
        Arguments.of(
            "labels and expression both hold",
            new LabelSelectorBuilder()
                .withMatchLabels(Map.of("tier", "premium"))
                .withMatchExpressions(requirement("region", "In", "eu"))
                .build(),
            true),
        Arguments.of(
            "labels hold, expression does not",
            new LabelSelectorBuilder()
                .withMatchLabels(Map.of("tier", "premium"))
                .withMatchExpressions(requirement("region", "NotIn", "eu"))
                .build(),
            false),
        Arguments.of("empty selector", new LabelSelector(), true),
        Arguments.of(
            "empty lists",
            new LabelSelectorBuilder().withMatchLabels(Map.of()).withMatchExpressions().build(),
            true),
        Arguments.of("null selector", null, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selections")
  void selectorSelectsExactlyTheLabelsItDescribes(
      String description, LabelSelector selector, boolean selected) {
    assertThat(LabelSelectors.matches(selector, PREMIUM_EU)).isEqualTo(selected);
  }

  @Test
  void nullLabelsAreTreatedAsNoLabels() {
    assertThat(LabelSelectors.matches(new LabelSelector(), null)).isTrue();
    assertThat(LabelSelectors.matches(expression("tier", "DoesNotExist"), null)).isTrue();
    assertThat(LabelSelectors.matches(expression("tier", "NotIn", "premium"), null)).isTrue();
    assertThat(LabelSelectors.matches(expression("tier", "Exists"), null)).isFalse();
    assertThat(LabelSelectors.matches(labels(Map.of("tier", "premium")), null)).isFalse();
  }

  static Stream<Arguments> invalidSelectors() {
    return Stream.of(
        Arguments.of(
            expression("tier", "Equals", "premium"),
            "pool.selector: unknown operator 'Equals' (use In, NotIn, Exists or DoesNotExist)"),
        Arguments.of(
            expression("tier", null),
            "pool.selector: unknown operator 'null' (use In, NotIn, Exists or DoesNotExist)"),
        Arguments.of(
            expression("tier", "In"), "pool.selector: operator In needs at least one value"),
        Arguments.of(
            expression("tier", "NotIn"), "pool.selector: operator NotIn needs at least one value"),
        Arguments.of(
            expression("tier", "Exists", "premium"),
            "pool.selector: operator Exists takes no values"),
        Arguments.of(
            expression("tier", "DoesNotExist", "premium"),
            "pool.selector: operator DoesNotExist takes no values"));
  }

  @ParameterizedTest
  @MethodSource("invalidSelectors")
  void invalidExpressionIsAProblemNamingTheField(LabelSelector selector, String problem) {
    assertThat(LabelSelectors.problems("pool.selector", selector)).containsExactly(problem);
  }

  @Test
  void everyInvalidExpressionIsReported() {
    var selector =
        new LabelSelectorBuilder()
            .withMatchExpressions(
                requirement("a", "In"), requirement("b", "Exists"), requirement("c", "Exists", "x"))
            .build();

    assertThat(LabelSelectors.problems("f", selector))
        .containsExactly(
            "f: operator In needs at least one value", "f: operator Exists takes no values");
  }

  @Test
  void validOrMissingSelectorHasNoProblems() {
    var valid =
        new LabelSelectorBuilder()
            .withMatchLabels(Map.of("tier", "premium"))
            .withMatchExpressions(
                requirement("a", "In", "x"),
                requirement("b", "NotIn", "y"),
                requirement("c", "Exists"),
                requirement("d", "DoesNotExist"))
            .build();

    assertThat(LabelSelectors.problems("f", valid)).isEmpty();
    assertThat(LabelSelectors.problems("f", new LabelSelector())).isEmpty();
    assertThat(LabelSelectors.problems("f", null)).isEmpty();
  }

  @Test
  void expressionWithoutKeyIsAProblem() {
    assertThat(LabelSelectors.problems("spec.tenantSelector", expression(null, "Exists")))
        .containsExactly("spec.tenantSelector: every matchExpressions entry needs a key");
  }

  /** A pool with such an expression reaches matches() from TenantPlacement, unvalidated. */
  @Test
  void expressionWithoutOperatorSelectsNothing() {
    assertThat(LabelSelectors.matches(expression("tier", null), PREMIUM_EU)).isFalse();
  }

  private static LabelSelector labels(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  private static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .withMatchExpressions(requirement(key, operator, values))
        .build();
  }

  private static LabelSelectorRequirement requirement(
      String key, String operator, String... values) {
    return new LabelSelectorRequirementBuilder()
        .withKey(key)
        .withOperator(operator)
        .withValues(values.length == 0 ? null : List.of(values))
        .build();
  }
}
