package io.stevedore.operator.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.EnvironmentStatus;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.PromotionStatus;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.api.v1alpha1.ReleaseHistoryEntry;
import io.stevedore.operator.api.v1alpha1.ReleaseOutcome;
import io.stevedore.operator.release.ReleaseClaim;
import io.stevedore.operator.testing.Fixtures;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An Environment's release status and history through hand edits, promotions and rollbacks. */
class ReleaseHistoryTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final Release V14 = Fixtures.release("1.4.0");
  private static final Release V15 = Fixtures.release("1.5.0");

  private final Environment environment = Fixtures.environment("ns", "prod");
  private final EnvironmentStatus status = new EnvironmentStatus();
  private final Map<String, Promotion> promotions = new HashMap<>();

  @Test
  void aReleaseSetByHandIsGoodOnceRolledOutAndNamesWhoSetItFromTheAnnotation() {
    set(V14, null);
    environment.getMetadata().setAnnotations(Map.of(Promotion.PROMOTED_BY_ANNOTATION, "alice"));

    ReleaseHistory.update(status, environment, false, promotions, T);
    assertThat(top().getOutcome()).isEqualTo(ReleaseOutcome.RollingOut);
    assertThat(status.getLastGoodRelease()).isNull();
    assertThat(status.getRelease()).isNull();

    ReleaseHistory.update(status, environment, true, promotions, T.plusSeconds(5));
    assertThat(top().getOutcome()).isEqualTo(ReleaseOutcome.RolledOut);
    assertThat(top().getPromotedBy()).isEqualTo("alice");
    assertThat(top().getPromotion()).isNull();
    assertThat(top().getFinishedAt()).isEqualTo(T.plusSeconds(5).toString());
    assertThat(status.getLastGoodRelease().sameAs(V14)).isTrue();
    assertThat(status.getLastGoodRelease())
        .as("a plain release, without the history entry's fields")
        .isExactlyInstanceOf(Release.class);
    assertThat(status.getRelease()).isEqualTo("1.4.0");
    assertThat(status.getReleaseImage()).isEqualTo(V14.getImage());
    assertThat(status.getReleaseSince()).isEqualTo(T.plusSeconds(5).toString());
  }

  @Test
  void aPromotedReleaseIsGoodOnlyOnceItsPromotionSucceeds() {
    rolledOutByHand(V14);
    set(V15, new ReleaseClaim("prod-1-5", false, V15));
    promotions.put("prod-1-5", promotion("prod-1-5", PromotionPhase.RollingOut, "ci-bot"));

    ReleaseHistory.update(status, environment, true, promotions, T.plusSeconds(20));
    assertThat(status.getHistory()).hasSize(2);
    assertThat(top().getPromotion()).isEqualTo("prod-1-5");
    assertThat(top().getPromotedBy()).isEqualTo("ci-bot");
    assertThat(top().getOutcome()).isEqualTo(ReleaseOutcome.Verifying);
    assertThat(status.getRelease()).isEqualTo("1.5.0");
    assertThat(status.getLastGoodRelease().sameAs(V14)).isTrue();

    promotions.put("prod-1-5", promotion("prod-1-5", PromotionPhase.Succeeded, "ci-bot"));
    ReleaseHistory.update(status, environment, true, promotions, T.plusSeconds(90));
    assertThat(top().getOutcome()).isEqualTo(ReleaseOutcome.Succeeded);
    assertThat(status.getLastGoodRelease().sameAs(V15)).isTrue();
    assertThat(status.getReleaseSince()).isEqualTo(T.plusSeconds(20).toString());
  }

  @Test
  void aRollbackIsAnEntryOfItsOwnAndTheFailedReleaseSaysRolledBack() {
    rolledOutByHand(V14);
    set(V15, new ReleaseClaim("prod-1-5", false, V15));
    promotions.put("prod-1-5", promotion("prod-1-5", PromotionPhase.Verifying, null));
    ReleaseHistory.update(status, environment, true, promotions, T.plusSeconds(20));

    set(V14, new ReleaseClaim("prod-1-5", true, V14));
    promotions.put("prod-1-5", promotion("prod-1-5", PromotionPhase.RollingBack, null));
    ReleaseHistory.update(status, environment, false, promotions, T.plusSeconds(40));
    ReleaseHistory.update(status, environment, true, promotions, T.plusSeconds(50));

    assertThat(status.getHistory())
        .extracting(ReleaseHistoryEntry::getVersion)
        .containsExactly("1.4.0", "1.5.0", "1.4.0");
    assertThat(top().getPromotedBy()).isEqualTo(ReleaseHistory.OPERATOR);
    assertThat(top().getMessage()).contains("prod-1-5");
    assertThat(top().getOutcome()).isEqualTo(ReleaseOutcome.RolledOut);
    assertThat(status.getHistory().get(1).getOutcome()).isEqualTo(ReleaseOutcome.RolledBack);
    assertThat(status.getLastGoodRelease().sameAs(V14)).isTrue();
  }

  @Test
  void aHandEditAfterAPromotionIsNotAttributedToIt() {
    rolledOutByHand(V14);
    environment
        .getMetadata()
        .setAnnotations(
            Map.of(ReleaseClaim.ANNOTATION, new ReleaseClaim("old", false, V14).value()));
    set(V15, null);

    ReleaseHistory.update(status, environment, false, promotions, T.plusSeconds(30));

    assertThat(top().getPromotion()).isNull();
    assertThat(top().getPromotedBy()).isEqualTo(ReleaseHistory.UNKNOWN);
  }

  @Test
  void aPromotionDeletedBeforeItFinishedIsAbandoned() {
    rolledOutByHand(V14);
    set(V15, new ReleaseClaim("gone", false, V15));

    ReleaseHistory.update(status, environment, true, promotions, T.plusSeconds(30));

    assertThat(top().getOutcome()).isEqualTo(ReleaseOutcome.Abandoned);
    assertThat(status.getLastGoodRelease().sameAs(V14)).isTrue();
  }

  @Test
  void theHistoryKeepsTheLatestEntries() {
    for (int i = 0; i < 15; i++) {
      set(Fixtures.release("1." + i + ".0"), null);
      ReleaseHistory.update(status, environment, true, promotions, T.plusSeconds(i));
    }

    assertThat(status.getHistory()).hasSize(ReleaseHistory.MAX_ENTRIES);
    assertThat(top().getVersion()).isEqualTo("1.14.0");
  }

  private void rolledOutByHand(Release release) {
    set(release, null);
    ReleaseHistory.update(status, environment, true, promotions, T);
  }

  private void set(Release release, ReleaseClaim claim) {
    environment.getSpec().setRelease(release);
    if (claim != null) {
      environment.getMetadata().setAnnotations(Map.of(ReleaseClaim.ANNOTATION, claim.value()));
    }
  }

  private ReleaseHistoryEntry top() {
    return status.getHistory().get(0);
  }

  private static Promotion promotion(String name, PromotionPhase phase, String promotedBy) {
    var promotion = Fixtures.promotion("ns", name, "prod", V15);
    var s = new PromotionStatus();
    s.setPhase(phase);
    s.setPromotedBy(promotedBy);
    promotion.setStatus(s);
    return promotion;
  }
}
