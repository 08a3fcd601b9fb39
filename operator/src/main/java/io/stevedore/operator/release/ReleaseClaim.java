package io.stevedore.operator.release;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stevedore.operator.api.v1alpha1.Release;
import java.util.Optional;

/**
 * The note a Promotion leaves on the Environment whose release it sets, in the same update: which
 * promotion, whether it is a rollback, and the release. The Environment's history attributes the
 * release to the promotion only while the spec still holds that release, so a later hand edit is
 * never mistaken for the promotion's.
 *
 * @param promotion the Promotion's name
 * @param rollback whether the promotion set the release back after a failed verification
 */
public record ReleaseClaim(String promotion, boolean rollback, Release release) {
  /** Annotation on the Environment: {@code <promotion> <set|rollback> <version> <image>}. */
  public static final String ANNOTATION = "stevedore.io/promotion";

  public String value() {
    return promotion
        + (rollback ? " rollback " : " set ")
        + release.getVersion()
        + " "
        + release.getImage();
  }

  /** The claim on {@code environment}, if it has one that still matches its release. */
  public static Optional<ReleaseClaim> of(HasMetadata environment, Release current) {
    var annotations = environment.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ANNOTATION);
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.trim().split("\\s+");
    if (parts.length != 4 || !(parts[1].equals("set") || parts[1].equals("rollback"))) {
      return Optional.empty();
    }
    var claim =
        new ReleaseClaim(parts[0], parts[1].equals("rollback"), new Release(parts[2], parts[3]));
    return claim.release().sameAs(current) ? Optional.of(claim) : Optional.empty();
  }
}
