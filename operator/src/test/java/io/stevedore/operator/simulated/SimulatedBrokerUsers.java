package io.stevedore.operator.simulated;

import io.stevedore.operator.broker.BrokerUserAdmin;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.broker.RabbitManagement.Permissions;
import io.stevedore.operator.broker.RabbitPasswords;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory broker's users, as RabbitMQ's management API keeps them: a salted SHA-256 password
 * hash, tags (where the operator records the owner) and permissions per vhost; a PUT creates or
 * overwrites, a DELETE of a missing user is no error.
 */
public final class SimulatedBrokerUsers implements BrokerUserAdmin {
  private record User(String passwordHash, List<String> tags, Map<String, Permissions> grants) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, User> users = new ConcurrentHashMap<>();

  @Override
  public void putUser(RabbitEndpoint endpoint, String user, String password, String tags) {
    byte[] salt = new byte[4];
    random.nextBytes(salt);
    String hash = Base64.getEncoder().encodeToString(RabbitPasswords.hash(salt, password));
    List<String> tagList = tags.isEmpty() ? List.of() : List.of(tags.split(","));
    users.compute(
        user,
        (name, old) ->
            new User(hash, tagList, old == null ? new ConcurrentHashMap<>() : old.grants()));
  }

  @Override
  public Optional<List<String>> userTags(RabbitEndpoint endpoint, String user) {
    return Optional.ofNullable(users.get(user)).map(User::tags);
  }

  @Override
  public Optional<String> passwordHash(RabbitEndpoint endpoint, String user) {
    return Optional.ofNullable(users.get(user)).map(User::passwordHash);
  }

  @Override
  public Optional<Permissions> permissions(RabbitEndpoint endpoint, String user) {
    return Optional.ofNullable(users.get(user)).map(u -> u.grants().get(endpoint.vhost()));
  }

  @Override
  public void deleteUser(RabbitEndpoint endpoint, String user) {
    users.remove(user);
  }

  @Override
  public void putPermissions(
      RabbitEndpoint endpoint, String user, String configure, String write, String read) {
    var existing = users.get(user);
    if (existing == null) {
      // The management API answers 400 for permissions of a user that does not exist.
      throw new IllegalStateException("no broker user " + user);
    }
    existing.grants().put(endpoint.vhost(), new Permissions(configure, write, read));
  }

  /** How many users exist. */
  public int count() {
    return users.size();
  }
}
