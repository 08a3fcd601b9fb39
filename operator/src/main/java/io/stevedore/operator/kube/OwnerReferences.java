package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Owner references Stevedore sets on what it creates. */
public final class OwnerReferences {
  private OwnerReferences() {}

  /**
   * A controlling owner reference to {@code owner} (`controller: true`), so `kubectl describe`
   * names it, no other controller adopts the object, and the garbage collector removes it with its
   * owner.
   */
  public static OwnerReference controller(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
