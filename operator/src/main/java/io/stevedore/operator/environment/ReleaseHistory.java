package io.stevedore.operator.environment;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.EnvironmentStatus;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.PromotionPhase;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.api.v1alpha1.ReleaseHistoryEntry;
import io.stevedore.operator.api.v1alpha1.ReleaseOutcome;
import io.stevedore.operator.release.ReleaseClaim;
import io.stevedore.operator.status.Conditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Environment's release status: what is fully rolled out and since when, the last good release
 * and the history of releases set on it, whether by a Promotion, by its rollback or by hand. Pure:
 * the Environment, its Promotions and the time in, the status fields out.
 */
public final class ReleaseHistory {
  /** Entries kept, newest first. */
  public static final int MAX_ENTRIES = 10;

  /** Who a rollback is attributed to. */
  static final String OPERATOR = "stevedore-operator";

  /** Who a hand edit is attributed to without a `stevedore.io/promoted-by` annotation. */
  static final String UNKNOWN = "unknown";

  private ReleaseHistory() {}

  /**
   * Updates the release fields of {@code status} (a copy of the previous status).
   *
   * @param rolledOut whether the spec's release runs in every ingest and worker pod
   * @param promotions the Environment's Promotions by name
   */
  public static void update(
      EnvironmentStatus status,
      Environment environment,
      boolean rolledOut,
      Map<String, Promotion> promotions,
      Instant now) {
    Release release = environment.getSpec().getRelease();
    List<ReleaseHistoryEntry> history = new ArrayList<>(status.getHistory());
    if (history.isEmpty() || !history.get(0).sameAs(release)) {
      history.add(0, newEntry(environment, release, now));
    }
    history.forEach(entry -> refresh(entry, promotions));
    ReleaseHistoryEntry top = history.get(0);
    if (rolledOut) {
      if (!Objects.equals(status.getRelease(), release.getVersion())
          || !Objects.equals(status.getReleaseImage(), release.getImage())
          || status.getReleaseSince() == null) {
        status.setReleaseSince(timestamp(now));
      }
      status.setRelease(release.getVersion());
      status.setReleaseImage(release.getImage());
      if (top.getOutcome() == ReleaseOutcome.RollingOut) {
        top.setOutcome(ReleaseOutcome.RolledOut);
        top.setFinishedAt(timestamp(now));
      }
    }
    if (top.getOutcome() == ReleaseOutcome.RolledOut
        || top.getOutcome() == ReleaseOutcome.Succeeded) {
      // A copy: the entry itself would carry its history fields into lastGoodRelease.
      status.setLastGoodRelease(new Release(top.getVersion(), top.getImage()));
    }
    status.setHistory(history.subList(0, Math.min(MAX_ENTRIES, history.size())));
  }

  private static ReleaseHistoryEntry newEntry(
      Environment environment, Release release, Instant now) {
    var entry = new ReleaseHistoryEntry();
    entry.setVersion(release.getVersion());
    entry.setImage(release.getImage());
    entry.setStartedAt(timestamp(now));
    var claim = ReleaseClaim.of(environment, release);
    if (claim.isPresent() && claim.get().rollback()) {
      entry.setPromotedBy(OPERATOR);
      entry.setOutcome(ReleaseOutcome.RollingOut);
      entry.setMessage("rollback after Promotion " + claim.get().promotion() + " failed");
    } else if (claim.isPresent()) {
      entry.setPromotion(claim.get().promotion());
      entry.setPromotedBy(claim.get().promotion());
      entry.setOutcome(ReleaseOutcome.Verifying);
    } else {
      var annotations = environment.getMetadata().getAnnotations();
      String by = annotations == null ? null : annotations.get(Promotion.PROMOTED_BY_ANNOTATION);
      entry.setPromotedBy(by == null || by.isBlank() ? UNKNOWN : by);
      entry.setOutcome(ReleaseOutcome.RollingOut);
      entry.setMessage("set by hand, not verified");
    }
    return entry;
  }

  /** Brings a promotion's entry up to date with the Promotion, while it exists. */
  private static void refresh(ReleaseHistoryEntry entry, Map<String, Promotion> promotions) {
    if (entry.getPromotion() == null) {
      return;
    }
    Promotion promotion = promotions.get(entry.getPromotion());
    if (promotion == null || promotion.getStatus() == null) {
      if (entry.getOutcome() == ReleaseOutcome.Verifying) {
        entry.setOutcome(ReleaseOutcome.Abandoned);
        entry.setMessage("the Promotion was deleted before it finished");
      }
      return;
    }
    var status = promotion.getStatus();
    if (status.getPromotedBy() != null) {
      entry.setPromotedBy(status.getPromotedBy());
    }
    PromotionPhase phase = status.getPhase() == null ? PromotionPhase.Pending : status.getPhase();
    entry.setOutcome(
        switch (phase) {
          case Pending, RollingOut, Verifying -> ReleaseOutcome.Verifying;
          case Succeeded -> ReleaseOutcome.Succeeded;
          case RollingBack, RolledBack -> ReleaseOutcome.RolledBack;
          case Failed -> ReleaseOutcome.Failed;
        });
    entry.setFinishedAt(status.getFinishedAt());
    entry.setMessage(
        Conditions.find(status.getConditions(), "Succeeded").map(c -> c.getMessage()).orElse(null));
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
