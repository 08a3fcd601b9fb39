package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.util.List;

/**
 * A dependent resource whose primary is its controlling owner (`controller: true`), so `kubectl
 * describe` names it and no other controller adopts the object.
 */
public abstract class OwnedDependentResource<R extends HasMetadata, P extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, P> {

  protected OwnedDependentResource(Class<R> resourceType) {
    super(resourceType);
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, P primary) {
    desired.getMetadata().setOwnerReferences(List.of(OwnerReferences.controller(primary)));
  }
}
