package io.stevedore.operator.promotion;

import static io.stevedore.operator.testing.OperatorHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.testing.Fixtures;
import io.stevedore.operator.testing.OperatorHarness;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Promotions that can never run fail at once, with a reason, a message and a Warning Event. */
class InvalidPromotionTest {
  @RegisterExtension static final OperatorHarness harness = new OperatorHarness();
  private final PromotionTesting t = new PromotionTesting(harness);

  static Stream<Arguments> invalid() {
    return Stream.<Arguments>of(
        Arguments.of(
            "EnvironmentNotFound",
            "does not exist",
            (BiFunction<String, String, Promotion>)
                (ns, name) -> Fixtures.promotion(ns, name, "nowhere", Fixtures.release("1.1.0"))),
        Arguments.of(
            "PromotionCycle",
            "prod → staging → prod",
            (BiFunction<String, String, Promotion>)
                (ns, name) -> Fixtures.promotionFrom(ns, name, "prod", "staging")),
        Arguments.of(
            "PromotionCycle",
            "dev → dev",
            (BiFunction<String, String, Promotion>)
                (ns, name) -> Fixtures.promotionFrom(ns, name, "dev", "dev")),
        Arguments.of(
            "ReleaseNotInSource",
            "does not run in 'dev'",
            (BiFunction<String, String, Promotion>)
                (ns, name) -> Fixtures.promotion(ns, name, "qa", Fixtures.release("9.9.9"))),
        Arguments.of(
            "SourceNotFound",
            "'gone' does not exist",
            (BiFunction<String, String, Promotion>)
                (ns, name) -> Fixtures.promotionFrom(ns, name, "dev", "gone")),
        Arguments.of(
            "InvalidSpec",
            "exactly one of release and fromEnvironment",
            (BiFunction<String, String, Promotion>)
                (ns, name) -> {
                  var both = Fixtures.promotion(ns, name, "dev", Fixtures.release("1.1.0"));
                  both.getSpec().setFromEnvironment("staging");
                  return both;
                }),
        Arguments.of(
            "InvalidSpec",
            "exactly one of release and fromEnvironment",
            (BiFunction<String, String, Promotion>)
                (ns, name) -> {
                  var neither = Fixtures.promotion(ns, name, "dev", null);
                  return neither;
                }));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalid")
  void isRejectedWithAClearConditionAndEvent(
      String reason, String message, BiFunction<String, String, Promotion> promotion) {
    String ns = harness.newNamespace();
    var staging = Fixtures.environment(ns, "staging");
    staging.getSpec().setPromotion(PromotionTesting.quickPolicy("prod"));
    var prod = Fixtures.environment(ns, "prod");
    prod.getSpec().setPromotion(PromotionTesting.quickPolicy("staging"));
    var qa = Fixtures.environment(ns, "qa");
    qa.getSpec().setPromotion(PromotionTesting.quickPolicy("dev"));
    for (var environment : new Environment[] {staging, prod, Fixtures.environment(ns, "dev"), qa}) {
      harness.create(environment);
    }
    harness.create(promotion.apply(ns, "bad"));

    var failed = t.awaitPhase(ns, "bad", PromotionPhase.Failed);

    assertThat(PromotionTesting.succeeded(failed))
        .startsWith(reason + ":")
        .contains(message)
        .endsWith("[False]");
    assertThat(PromotionTesting.condition(failed, "Finished"))
        .startsWith("Failed:")
        .endsWith("[True]");
    assertThat(PromotionTesting.condition(failed, "Ready"))
        .startsWith(reason + ":")
        .endsWith("[False]");
    eventually().untilAsserted(() -> assertThat(t.hasEvent(ns, "bad", reason, "Warning")).isTrue());
    assertThat(t.environment(ns, "dev").getSpec().getRelease().getVersion()).isEqualTo("1.0.0");
  }
}
