package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/** Which updates of a watched object are worth a reconciliation. */
public final class Changes {
  private Changes() {}

  /**
   * The spec (generation), labels, annotations or deletion changed: anything but a status write,
   * which on a busy object (a pool scaling, an environment's directory) comes many times a second.
   */
  public static boolean specOrMetadata(HasMetadata updated, HasMetadata old) {
    var now = updated.getMetadata();
    var before = old.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getLabels(), before.getLabels())
        || !Objects.equals(now.getAnnotations(), before.getAnnotations())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }
}
