package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Changes;
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
    return Changes.specOrMetadata(updated, old)
        || !Objects.equals(
            updated.getMetadata().getFinalizers(), old.getMetadata().getFinalizers());
  }
}
