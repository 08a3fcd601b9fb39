package io.stevedore.operator.promotion;

import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One promotion per environment at a time: the unfinished promotions of an environment run in order
 * of creation (then name, for the same second); one that has started runs before any that has not,
 * whatever their creation order.
 */
final class PromotionQueue {
  private PromotionQueue() {}

  /** The unfinished promotions of {@code environment} among {@code promotions}, in run order. */
  static List<Promotion> of(String environment, Collection<Promotion> promotions) {
    return promotions.stream()
        .filter(p -> p.getSpec() != null && environment.equals(p.getSpec().getEnvironment()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> !isFinal(p))
        .sorted(
            Comparator.comparing((Promotion p) -> !hasStarted(p))
                .thenComparing(p -> created(p))
                .thenComparing(p -> p.getMetadata().getName()))
        .toList();
  }

  /** The promotion that must finish before {@code promotion} may start, if any. */
  static Optional<Promotion> ahead(Promotion promotion, Collection<Promotion> promotions) {
    List<Promotion> queue = of(promotion.getSpec().getEnvironment(), promotions);
    String name = promotion.getMetadata().getName();
    return queue.isEmpty() || queue.get(0).getMetadata().getName().equals(name)
        ? Optional.empty()
        : Optional.of(queue.get(0));
  }

  static boolean isFinal(Promotion promotion) {
    return phase(promotion).map(PromotionPhase::isFinal).orElse(false);
  }

  static boolean hasStarted(Promotion promotion) {
    return phase(promotion).map(p -> p != PromotionPhase.Pending && !p.isFinal()).orElse(false);
  }

  private static Optional<PromotionPhase> phase(Promotion promotion) {
    return Optional.ofNullable(promotion.getStatus()).map(s -> s.getPhase());
  }

  private static Instant created(Promotion promotion) {
    String created = promotion.getMetadata().getCreationTimestamp();
    return created == null ? Instant.MAX : Instant.parse(created);
  }
}
