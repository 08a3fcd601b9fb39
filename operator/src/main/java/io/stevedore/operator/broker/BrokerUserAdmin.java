package io.stevedore.operator.broker;

import java.util.List;
import java.util.Optional;

/**
 * The broker's users as a Tenant's dependents manage them: RabbitMQ's management API, or an
 * in-memory broker in `./stevedore bench scale`.
 */
public interface BrokerUserAdmin {

  /**
   * Creates the user, or sets its password if it exists, with {@code tags} (comma-separated; tags
   * other than the management ones grant nothing, they only mark the user).
   */
  void putUser(RabbitEndpoint endpoint, String user, String password, String tags)
      throws BrokerException;

  /** The user's tags; empty when the user does not exist. */
  Optional<List<String>> userTags(RabbitEndpoint endpoint, String user) throws BrokerException;

  /**
   * The user's password hash as the broker stores it (base64 of a 4-byte salt and the salted
   * digest), or empty when the user does not exist.
   */
  Optional<String> passwordHash(RabbitEndpoint endpoint, String user) throws BrokerException;

  /** The user's permissions in the endpoint's vhost, or empty when it has none there. */
  Optional<RabbitManagement.Permissions> permissions(RabbitEndpoint endpoint, String user)
      throws BrokerException;

  /** Deletes the user; a user that does not exist is already deleted. */
  void deleteUser(RabbitEndpoint endpoint, String user) throws BrokerException;

  /**
   * Grants {@code user} the endpoint's vhost with the given resource-name regular expressions (see
   * RabbitMQ's access control: configure, write, read).
   */
  void putPermissions(
      RabbitEndpoint endpoint, String user, String configure, String write, String read)
      throws BrokerException;
}
