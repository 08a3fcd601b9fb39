package io.stevedore.operator.platform;

import io.stevedore.operator.api.v1alpha1.DeletionPolicy;
import io.stevedore.operator.api.v1alpha1.Tenant;

/** Which Tenants ingest and workers serve, from the Tenant's status (pure). */
public final class TenantServing {
  /** Offboarding phases after which workers let go of a deleted tenant's queues. */
  public static final String RELEASED = "Released";

  public static final String REMOVING = "Removing";

  private TenantServing() {}

  /** Ingest serves a tenant once its queues exist, until it is deleted (no new data after that). */
  public static boolean byIngest(Tenant tenant) {
    return queuesProvisioned(tenant) && tenant.getMetadata().getDeletionTimestamp() == null;
  }

  /**
   * Workers serve a tenant once its queues exist; a deleted one with `Retain` leaves at once (its
   * queues keep their messages), one with `Delete` only after its queues drained.
   */
  public static boolean byWorkers(Tenant tenant) {
    if (!queuesProvisioned(tenant)) {
      return false;
    }
    if (tenant.getMetadata().getDeletionTimestamp() == null) {
      return true;
    }
    String phase = tenant.getStatus().getOffboarding();
    return tenant.getSpec().getDeletionPolicy() == DeletionPolicy.Delete
        && !RELEASED.equals(phase)
        && !REMOVING.equals(phase);
  }

  private static boolean queuesProvisioned(Tenant tenant) {
    return tenant.getSpec() != null
        && tenant.getStatus() != null
        && Boolean.TRUE.equals(tenant.getStatus().getQueuesProvisioned());
  }
}
