package io.stevedore.operator.promotion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import java.util.Arrays;

/**
 * Finished promotions by target Environment and outcome (Succeeded, Failed, RolledBack): what an
 * alert on a failed or rolled-back release watches.
 */
public final class PromotionMetrics {
  public static final String OUTCOMES = "stevedore.promotion.outcomes";

  private final MeterRegistry registry;

  public PromotionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts a promotion that moved from {@code before} to {@code after}, once, when it first reaches
   * a final phase. Every outcome of its Environment exists from its first promotion on, at 0, so
   * the first failure is an increase that {@code increase()} sees.
   */
  void observe(Promotion promotion, PromotionPhase before, PromotionPhase after) {
    for (PromotionPhase outcome : finalPhases()) {
      counter(promotion, outcome);
    }
    if (after.isFinal() && (before == null || !before.isFinal())) {
      counter(promotion, after).increment();
    }
  }

  private Counter counter(Promotion promotion, PromotionPhase outcome) {
    return Counter.builder(OUTCOMES)
        .description("Promotions that finished, by target Environment and outcome")
        .tags(
            "namespace",
            promotion.getMetadata().getNamespace(),
            "environment",
            promotion.getSpec().getEnvironment(),
            "outcome",
            outcome.name())
        .register(registry);
  }

  private static PromotionPhase[] finalPhases() {
    return Arrays.stream(PromotionPhase.values())
        .filter(PromotionPhase::isFinal)
        .toArray(PromotionPhase[]::new);
  }
}
