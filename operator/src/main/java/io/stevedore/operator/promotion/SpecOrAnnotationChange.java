package io.stevedore.operator.promotion;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.stevedore.operator.api.v1alpha1.Promotion;
import java.util.Objects;

/**
 * Which updates of a Promotion reconcile it: a spec change, or an annotation change, since approval
 * is an annotation; the operator's own status patches do not.
 */
public class SpecOrAnnotationChange implements OnUpdateFilter<Promotion> {
  @Override
  public boolean accept(Promotion updated, Promotion old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(
            updated.getMetadata().getAnnotations(), old.getMetadata().getAnnotations())
        || updated.getMetadata().getDeletionTimestamp() != null;
  }
}
