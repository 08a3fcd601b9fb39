package io.stevedore.operator.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromotionMetricsTest {

  @ParameterizedTest(name = "{0} -> {1}: Succeeded {2}, Failed {3}, RolledBack {4}")
  @CsvSource(
      nullValues = "none",
      value = {
        "none,        Pending,     0, 0, 0",
        "Pending,     RollingOut,  0, 0, 0",
        "Verifying,   Succeeded,   1, 0, 0",
        "Pending,     Failed,      0, 1, 0",
        "none,        Failed,      0, 1, 0",
        "RollingBack, RolledBack,  0, 0, 1",
        // Already final: a later reconciliation of a finished promotion counts nothing again.
        "Succeeded,   Succeeded,   0, 0, 0",
        "RolledBack,  RolledBack,  0, 0, 0",
      })
  void countsAPromotionOnceWhenItFirstFinishes(
      PromotionPhase before,
      PromotionPhase after,
      double succeeded,
      double failed,
      double rolledBack) {
    var registry = new SimpleMeterRegistry();
    Promotion promotion = Fixtures.promotion("ns", "p1", "production", Fixtures.release("1.2.3"));

    new PromotionMetrics(registry).observe(promotion, before, after);

    assertThat(count(registry, PromotionPhase.Succeeded)).isEqualTo(succeeded);
    assertThat(count(registry, PromotionPhase.Failed)).isEqualTo(failed);
    assertThat(count(registry, PromotionPhase.RolledBack)).isEqualTo(rolledBack);
  }

  private static double count(SimpleMeterRegistry registry, PromotionPhase outcome) {
    return registry
        .get(PromotionMetrics.OUTCOMES)
        .tags("namespace", "ns", "environment", "production", "outcome", outcome.name())
        .counter()
        .count();
  }
}
