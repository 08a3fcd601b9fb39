package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.Objects;

/**
 * The Tenant changes worth a reconciliation: the spec (generation), and the metadata the operator
 * acts on though it bumps no generation: labels (pool selection), annotations (credential rotation,
 * the non-empty-queue override), deletion and finalizers. A status-only change (the operator's own
 * writes) is not one.
 */
public final class TenantChangeFilter implements OnUpdateFilter<Tenant> {
  @Override
  public boolean accept(Tenant updated, Tenant old) {
    var now = updated.getMetadata();
    var before = old.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getLabels(), before.getLabels())
        || !Objects.equals(now.getAnnotations(), before.getAnnotations())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp())
        || !Objects.equals(now.getFinalizers(), before.getFinalizers());
  }
}
