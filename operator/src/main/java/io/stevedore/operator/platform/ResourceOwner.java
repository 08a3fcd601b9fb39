package io.stevedore.operator.platform;

import java.util.Optional;

/**
 * The Tenant an external resource (queue, broker user, table, MySQL registration) is made for, and
 * how to tell whether one that exists is its (pure): the owner it records (a queue argument, a user
 * tag, a table tag, a column) must be this Tenant's UID; one that records no owner was made before
 * owners were recorded, and is the tenant's only when the Tenant's own status says the step was
 * done for it before.
 *
 * @param uid the Tenant's UID
 * @param madeBefore whether the Tenant's status says this resource was made for it before
 */
public record ResourceOwner(String uid, boolean madeBefore) {

  /**
   * Whether a resource that records {@code recorded} as its owner (none: empty) is the tenant's.
   */
  public boolean owns(Optional<String> recorded) {
    return recorded.map(uid::equals).orElse(madeBefore);
  }

  /** Whether the resource must be marked as the tenant's now: it is, and records no owner yet. */
  public boolean claims(Optional<String> recorded) {
    return recorded.isEmpty() && madeBefore;
  }

  /** Who a resource that records {@code recorded} seems to belong to, for the conflict message. */
  public static String describe(Optional<String> recorded) {
    return recorded
        .map(u -> "it belongs to the Tenant with uid " + u)
        .orElse("it records no owner: made by hand or by another program");
  }

  /** This owner, also taking a resource that records no owner as its own when {@code evidence}. */
  public ResourceOwner orMadeBefore(boolean evidence) {
    return new ResourceOwner(uid, madeBefore || evidence);
  }

  /** Fails with `NameConflict` unless the resource is the tenant's. */
  public void require(String object, Optional<String> recorded) {
    if (!owns(recorded)) {
      throw new NameConflictException(object, describe(recorded));
    }
  }
}
