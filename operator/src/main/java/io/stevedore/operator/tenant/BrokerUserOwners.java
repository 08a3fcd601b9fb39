package io.stevedore.operator.tenant;

import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.broker.BrokerUserAdmin;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.platform.ResourceOwner;
import java.util.Optional;

/**
 * Whose a broker user of the tenant's name is. A tag records the Tenant's UID: tags are the only
 * free-form field a RabbitMQ user has, and tags other than the management ones grant nothing.
 */
final class BrokerUserOwners {
  static final String TAG_PREFIX = "stevedore-tenant-uid:";

  private final BrokerUserAdmin management;
  private final RabbitEndpoint endpoint;
  private final ResourceOwner owner;

  BrokerUserOwners(BrokerUserAdmin management, RabbitEndpoint endpoint, ResourceOwner owner) {
    this.management = management;
    this.endpoint = endpoint;
    this.owner = owner;
  }

  /** The tags a user made for the owner carries. */
  String tags() {
    return TAG_PREFIX + owner.uid();
  }

  /** Fails with `NameConflict` when the user exists and is not the owner's. */
  void requireOwnedOrMissing(String user) throws BrokerException {
    var recorded = recorded(user);
    if (recorded.isPresent()) {
      owner.require("broker user " + user, recorded.get());
    }
  }

  /** Whether the user is missing or the owner's: what may be put or deleted. */
  boolean ownedOrMissing(String user) throws BrokerException {
    return recorded(user).map(owner::owns).orElse(true);
  }

  /** Empty when the user does not exist; else the owner its tags record (if any). */
  private Optional<Optional<String>> recorded(String user) throws BrokerException {
    return management
        .userTags(endpoint, user)
        .map(
            tags ->
                tags.stream()
                    .filter(t -> t.startsWith(TAG_PREFIX))
                    .map(t -> t.substring(TAG_PREFIX.length()))
                    .findFirst());
  }
}
