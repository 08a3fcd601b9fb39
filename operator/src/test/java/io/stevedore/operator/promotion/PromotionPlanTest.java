package io.stevedore.operator.promotion;

import static io.stevedore.operator.promotion.Environments.byName;
import static io.stevedore.operator.promotion.Environments.from;
import static io.stevedore.operator.promotion.Environments.rollingOut;
import static io.stevedore.operator.promotion.Environments.running;
import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.testing.Fixtures;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromotionPlanTest {

  static Stream<Arguments> plans() {
    Supplier<Map<String, Environment>> chain =
        () ->
            byName(
                running("dev", "1.5.0"),
                from(running("staging", "1.4.0"), "dev"),
                from(running("prod", "1.3.0"), "staging"));
    return Stream.of(
        Arguments.of(
            "explicit release into an environment without a source",
            explicit("prod", "1.5.0"),
            byName(running("prod", "1.4.0")),
            "Resolved 1.5.0 from -"),
        Arguments.of(
            "explicit release that the policy's source runs",
            explicit("staging", "1.5.0"),
            chain.get(),
            "Resolved 1.5.0 from dev"),
        Arguments.of(
            "explicit release that the source does not run",
            explicit("prod", "1.5.0"),
            chain.get(),
            "Rejected ReleaseNotInSource"),
        Arguments.of(
            "what the source runs",
            fromEnv("prod", "staging"),
            chain.get(),
            "Resolved 1.4.0 from staging"),
        Arguments.of(
            "what the source runs, the policy naming none",
            fromEnv("prod", "dev"),
            byName(running("dev", "1.5.0"), running("prod", "1.4.0")),
            "Resolved 1.5.0 from dev"),
        Arguments.of(
            "the source is still rolling out: wait",
            fromEnv("prod", "dev"),
            byName(rollingOut(running("dev", "1.5.0"), "1.6.0"), running("prod", "1.4.0")),
            "Waiting SourceRollingOut"),
        Arguments.of(
            "a source other than the policy's",
            fromEnv("prod", "dev"),
            chain.get(),
            "Rejected SourceNotAllowed"),
        Arguments.of(
            "unknown environment",
            explicit("qa", "1.5.0"),
            chain.get(),
            "Rejected EnvironmentNotFound"),
        Arguments.of(
            "unknown source",
            fromEnv("prod", "nowhere"),
            byName(running("prod", "1.4.0")),
            "Rejected SourceNotFound"),
        Arguments.of(
            "promoting from itself",
            fromEnv("prod", "prod"),
            byName(running("prod", "1.4.0")),
            "Rejected PromotionCycle"),
        Arguments.of(
            "a loop in the policies",
            fromEnv("prod", "staging"),
            byName(from(running("staging", "1.4.0"), "prod"), running("prod", "1.3.0")),
            "Rejected PromotionCycle"),
        Arguments.of(
            "neither release nor source", neither("prod"), chain.get(), "Rejected InvalidSpec"),
        Arguments.of("both release and source", both("prod"), chain.get(), "Rejected InvalidSpec"),
        Arguments.of(
            "a release resolved earlier stays, though the source rolls out another",
            resolvedEarlier(fromEnv("prod", "dev"), "1.5.0"),
            byName(rollingOut(running("dev", "1.5.0"), "1.6.0"), running("prod", "1.4.0")),
            "Rejected ReleaseNotInSource"),
        Arguments.of(
            "a release resolved earlier that the source still runs",
            resolvedEarlier(fromEnv("prod", "dev"), "1.5.0"),
            byName(running("dev", "1.5.0"), running("prod", "1.4.0")),
            "Resolved 1.5.0 from dev"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void checksAndResolvesWhatAPromotionAsksFor(
      String description,
      Promotion promotion,
      Map<String, Environment> environments,
      String expected) {
    PromotionPlan plan = PromotionPlan.of(promotion, environments);

    String summary;
    if (plan instanceof PromotionPlan.Rejected r) {
      summary = "Rejected " + r.reason();
    } else if (plan instanceof PromotionPlan.Waiting w) {
      summary = "Waiting " + w.reason();
    } else {
      var r = (PromotionPlan.Resolved) plan;
      summary =
          "Resolved "
              + r.release().getVersion()
              + " from "
              + (r.source() == null ? "-" : r.source().getMetadata().getName());
    }
    assertThat(summary).isEqualTo(expected);
    if (plan instanceof PromotionPlan.Rejected rejected) {
      assertThat(rejected.message()).isNotBlank();
    }
  }

  @org.junit.jupiter.api.Test
  void aLoopIsNamedInTheMessage() {
    var plan =
        PromotionPlan.of(
            fromEnv("prod", "staging"),
            byName(from(running("staging", "1.4.0"), "prod"), running("prod", "1.3.0")));

    assertThat(((PromotionPlan.Rejected) plan).message()).contains("prod → staging → prod");
  }

  private static Promotion explicit(String environment, String version) {
    return Fixtures.promotion("ns", "p", environment, Fixtures.release(version));
  }

  private static Promotion fromEnv(String environment, String source) {
    return Fixtures.promotionFrom("ns", "p", environment, source);
  }

  private static Promotion neither(String environment) {
    var promotion = explicit(environment, "1.5.0");
    promotion.getSpec().setRelease(null);
    return promotion;
  }

  private static Promotion both(String environment) {
    var promotion = explicit(environment, "1.5.0");
    promotion.getSpec().setFromEnvironment("staging");
    return promotion;
  }

  private static Promotion resolvedEarlier(Promotion promotion, String version) {
    var status = new PromotionStatus();
    status.setRelease(Fixtures.release(version));
    promotion.setStatus(status);
    return promotion;
  }
}
