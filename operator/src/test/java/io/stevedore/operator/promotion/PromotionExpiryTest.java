package io.stevedore.operator.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.EnvironmentStatus;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.api.v1alpha1.ReleaseHistoryEntry;
import io.stevedore.operator.api.v1alpha1.ReleaseOutcome;
import io.stevedore.operator.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionExpiryTest {
  private static final Instant FINISHED = Instant.parse("2026-05-01T10:00:00Z");

  @Test
  void aFinishedPromotionIsDeletedItsTtlAfterItFinished() {
    var promotion = promotion(PromotionPhase.RolledBack, 60);

    assertThat(PromotionExpiry.deleteIn(promotion, FINISHED.plusSeconds(10)))
        .contains(Duration.ofSeconds(50));
    assertThat(PromotionExpiry.deleteIn(promotion, FINISHED.plusSeconds(60)))
        .hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ZERO));
  }

  @Test
  void aZeroTtlDeletesAtOnce() {
    assertThat(PromotionExpiry.deleteIn(promotion(PromotionPhase.Succeeded, 0), FINISHED))
        .contains(Duration.ZERO);
  }

  @Test
  void anUnfinishedPromotionOrOneWithoutTtlIsKept() {
    assertThat(PromotionExpiry.deleteIn(promotion(PromotionPhase.Verifying, 0), FINISHED))
        .isEmpty();
    assertThat(PromotionExpiry.deleteIn(promotion(PromotionPhase.Failed, null), FINISHED))
        .isEmpty();
  }

  @Test
  void withoutARecordedFinishTimeItIsKept() {
    var promotion = promotion(PromotionPhase.Failed, 0);
    promotion.getStatus().setFinishedAt(null);

    assertThat(PromotionExpiry.deleteIn(promotion, FINISHED)).isEmpty();
  }

  @Test
  void itWaitsUntilTheEnvironmentsHistoryHasItsOutcome() {
    var promotion = promotion(PromotionPhase.Succeeded, 0);
    var staging = Fixtures.environment("ns", "prod");
    var entry = new ReleaseHistoryEntry();
    entry.setPromotion("p");
    entry.setOutcome(ReleaseOutcome.Verifying);
    var status = new EnvironmentStatus();
    status.setHistory(List.of(entry));
    staging.setStatus(status);

    assertThat(PromotionExpiry.recorded(promotion, staging)).isFalse();
    entry.setOutcome(ReleaseOutcome.Succeeded);
    assertThat(PromotionExpiry.recorded(promotion, staging)).isTrue();
    assertThat(PromotionExpiry.recorded(promotion, null)).isTrue();
  }

  private static Promotion promotion(PromotionPhase phase, Integer ttl) {
    var promotion = Fixtures.promotion("ns", "p", "prod", Fixtures.release("1.5.0"));
    promotion.getSpec().setTtlSecondsAfterFinished(ttl);
    var status = new PromotionStatus();
    status.setPhase(phase);
    status.setFinishedAt(FINISHED.toString());
    promotion.setStatus(status);
    return promotion;
  }
}
