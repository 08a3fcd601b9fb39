package io.stevedore.operator.promotion;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.ReleaseOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** When a finished Promotion with {@code ttlSecondsAfterFinished} is due for deletion. */
final class PromotionExpiry {
  private PromotionExpiry() {}

  /**
   * How long until the promotion is deleted (zero or less: now); empty when it is kept: not
   * finished, no TTL, or no recorded finish time.
   */
  static Optional<Duration> deleteIn(Promotion promotion, Instant now) {
    Integer ttl =
        promotion.getSpec() == null ? null : promotion.getSpec().getTtlSecondsAfterFinished();
    if (ttl == null || !PromotionQueue.isFinal(promotion)) {
      return Optional.empty();
    }
    String finishedAt = promotion.getStatus().getFinishedAt();
    if (finishedAt == null) {
      return Optional.empty();
    }
    try {
      Instant expires = Instant.parse(finishedAt).plusSeconds(ttl);
      return Optional.of(Duration.between(now, expires));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the target's history already holds the promotion's outcome, so deleting it loses no
   * record (else the history would call it Abandoned). True without a target or an entry.
   */
  static boolean recorded(Promotion promotion, Environment target) {
    if (target == null || target.getStatus() == null || target.getStatus().getHistory() == null) {
      return true;
    }
    return target.getStatus().getHistory().stream()
        .filter(e -> promotion.getMetadata().getName().equals(e.getPromotion()))
        .noneMatch(e -> e.getOutcome() == ReleaseOutcome.Verifying);
  }
}
