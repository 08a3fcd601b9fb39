package io.stevedore.operator.promotion;

import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Promotion;
import io.stevedore.operator.api.v1alpha1.Release;
import io.stevedore.operator.release.PromotionChain;
import java.util.Map;
import java.util.Optional;

/**
 * What a pending Promotion asks for, checked against the Environments of its namespace: rejected
 * (and why), waiting for the source to finish a rollout, or resolved to a release.
 */
sealed interface PromotionPlan {

  /** The promotion can never run as written; it fails with this reason. */
  record Rejected(String reason, String message) implements PromotionPlan {}

  /** The release cannot be resolved yet (the source is rolling out); try again later. */
  record Waiting(String reason, String message) implements PromotionPlan {}

  /**
   * What the promotion brings, and from where.
   *
   * @param source the environment the release comes from, or null when there is none
   */
  record Resolved(Release release, Environment target, Environment source)
      implements PromotionPlan {}

  /**
   * Checks {@code promotion} against {@code environments} (by name, its namespace). A release
   * resolved earlier (in the promotion's status) stays what it promotes: a source that moved on
   * since makes the promotion fail instead of promoting something else.
   */
  static PromotionPlan of(Promotion promotion, Map<String, Environment> environments) {
    var spec = promotion.getSpec();
    if ((spec.getRelease() == null) == (spec.getFromEnvironment() == null)) {
      return new Rejected(
          "InvalidSpec",
          "spec: set exactly one of release and fromEnvironment, not both or neither");
    }
    Environment target = environments.get(spec.getEnvironment());
    if (target == null) {
      return new Rejected(
          "EnvironmentNotFound",
          "Environment '"
              + spec.getEnvironment()
              + "' does not exist in namespace '"
              + promotion.getMetadata().getNamespace()
              + "'");
    }
    String policySource = Releases.policySource(target);
    if (spec.getFromEnvironment() != null
        && policySource != null
        && !policySource.equals(spec.getFromEnvironment())) {
      return new Rejected(
          "SourceNotAllowed",
          "Environment '"
              + target.getMetadata().getName()
              + "' accepts releases only from '"
              + policySource
              + "' (spec.promotion.from), not from '"
              + spec.getFromEnvironment()
              + "'");
    }
    String sourceName =
        spec.getFromEnvironment() != null ? spec.getFromEnvironment() : policySource;
    if (sourceName == null) {
      return new Resolved(spec.getRelease(), target, null);
    }
    var cycle =
        PromotionChain.cycle(
            target.getMetadata().getName(),
            name ->
                name.equals(target.getMetadata().getName())
                    ? sourceName
                    : Optional.ofNullable(environments.get(name))
                        .map(Releases::policySource)
                        .orElse(null));
    if (cycle.isPresent()) {
      return new Rejected(
          "PromotionCycle",
          "promotions would go round in a loop: " + PromotionChain.describe(cycle.get()));
    }
    Environment source = environments.get(sourceName);
    if (source == null) {
      return new Rejected(
          "SourceNotFound",
          "source Environment '"
              + sourceName
              + "' does not exist in namespace '"
              + promotion.getMetadata().getNamespace()
              + "'");
    }
    Release wanted = spec.getRelease() != null ? spec.getRelease() : resolvedEarlier(promotion);
    Release sourceSpec = source.getSpec().getRelease();
    if (wanted == null) {
      return Releases.running(source).filter(r -> r.sameAs(sourceSpec)).isPresent()
          ? new Resolved(sourceSpec, target, source)
          : new Waiting(
              "SourceRollingOut",
              "Environment '"
                  + sourceName
                  + "' is rolling out "
                  + sourceSpec.getVersion()
                  + "; what it runs is promoted once that is done");
    }
    if (!wanted.sameAs(sourceSpec)) {
      return new Rejected(
          "ReleaseNotInSource",
          "release "
              + wanted
              + " does not run in '"
              + sourceName
              + "', which runs "
              + sourceSpec
              + "; only what runs there can be promoted");
    }
    return new Resolved(wanted, target, source);
  }

  private static Release resolvedEarlier(Promotion promotion) {
    return promotion.getStatus() == null ? null : promotion.getStatus().getRelease();
  }
}
