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
    return Stream.of(
        rejected(
            "EnvironmentNotFound",
            "does not exist",
            (ns, name) -> Fixtures.promotion(ns, name, "nowhere", Fixtures.release("1.1.0"))),
        rejected(
            "PromotionCycle",
            "prod → staging → prod",
            (ns, name) -> Fixtures.promotionFrom(ns, name, "prod", "staging")),
        rejected(
            "PromotionCycle",
            "dev → dev",
            (ns, name) -> Fixtures.promotionFrom(ns, name, "dev", "dev")),
        rejected(
            "ReleaseNotInSource",
            "does not run in 'dev'",
            (ns, name) -> Fixtures.promotion(ns, name, "qa", Fixtures.release("9.9.9"))),
        rejected(
            "SourceNotFound",
            "'gone' does not exist",
            (ns, name) -> Fixtures.promotionFrom(ns, name, "dev", "gone")),
        rejected(
            "InvalidSpec",
            "exactly one of release and fromEnvironment",
            (ns, name) -> {
              var both = Fixtures.promotion(ns, name, "dev", Fixtures.release("1.1.0"));
              both.getSpec().setFromEnvironment("staging");
              return both;
            }),
        rejected(
            "InvalidSpec",
            "exactly one of release and fromEnvironment",
            (ns, name) -> Fixtures.promotion(ns, name, "dev", null)));
  }

  private static Arguments rejected(
      String reason, String message, BiFunction<String, String, Promotion> promotion) {
    return Arguments.of(reason, message, promotion);
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
