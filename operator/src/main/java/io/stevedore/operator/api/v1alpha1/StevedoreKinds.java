package io.stevedore.operator.api.v1alpha1;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import java.util.Optional;

/** Every custom resource kind of the API, in the order they depend on each other. */
public final class StevedoreKinds {
  public static final List<Class<? extends CustomResource<?, ? extends StevedoreStatus>>> ALL =
      List.of(Environment.class, WorkerPool.class, Tenant.class, Promotion.class);

  private StevedoreKinds() {}

  public static Optional<Class<? extends CustomResource<?, ? extends StevedoreStatus>>> byKind(
      String kind) {
    return ALL.stream().filter(c -> c.getSimpleName().equals(kind)).findFirst();
  }
}
