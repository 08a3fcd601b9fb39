package io.stevedore.operator.promotion;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.api.v1alpha1.ReleaseOutcome;
import java.util.Objects;
import java.util.Optional;

/** What an Environment runs, read from its status the way promotions need it. */
final class Releases {
  private Releases() {}

  /** The release every ingest and worker pod runs, if the Environment has fully rolled one out. */
  static Optional<Release> running(Environment environment) {
    var status = environment.getStatus();
    if (status == null || status.getRelease() == null || status.getReleaseImage() == null) {
      return Optional.empty();
    }
    return Optional.of(new Release(status.getRelease(), status.getReleaseImage()));
  }

  /**
   * Whether {@code release} is the Environment's spec and is fully rolled out: the status was
   * written for the current spec, so it cannot be a previous rollout of the same version.
   */
  static boolean rolledOut(Environment environment, Release release) {
    var status = environment.getStatus();
    return release.sameAs(environment.getSpec().getRelease())
        && status != null
        && Objects.equals(status.getObservedGeneration(), environment.getMetadata().getGeneration())
        && running(environment).map(release::sameAs).orElse(false);
  }

  /** The Environment's last good release, if it has one. */
  static Optional<Release> lastGood(Environment environment) {
    return Optional.ofNullable(environment.getStatus()).map(s -> s.getLastGoodRelease());
  }

  /**
   * Whether the Environment has caught up with its last promotion: its status describes its spec,
   * and it has recorded how the promotion that set its release ended (so its last good release is
   * current). {@code promotion} may be the one that set it.
   */
  static boolean settled(Environment environment, String promotion) {
    var status = environment.getStatus();
    if (status == null
        || !Objects.equals(
            status.getObservedGeneration(), environment.getMetadata().getGeneration())) {
      return false;
    }
    var history = status.getHistory();
    if (history == null || history.isEmpty()) {
      return true;
    }
    var top = history.get(0);
    return top.getOutcome() != ReleaseOutcome.Verifying || promotion.equals(top.getPromotion());
  }

  /** The environment named as the source of promotions into {@code environment}, or null. */
  static String policySource(Environment environment) {
    var policy = environment.getSpec() == null ? null : environment.getSpec().getPromotion();
    return policy == null ? null : policy.getFrom();
  }
}
