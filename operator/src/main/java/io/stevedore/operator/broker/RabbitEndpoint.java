package io.stevedore.operator.broker;

import java.net.URI;

/**
 * Where and as whom the operator reaches an Environment's RabbitMQ.
 *
 * @param amqpUri AMQP URI without credentials
 * @param vhost the virtual host of the tenants' queues
 * @param username administrative user
 * @param password its password
 * @param managementUri management HTTP API base URI, or null when the Environment has none
 */
public record RabbitEndpoint(
    URI amqpUri, String vhost, String username, String password, URI managementUri) {

  public boolean hasManagement() {
    return managementUri != null;
  }

  /** Identifies the connection this endpoint needs, regardless of the password. */
  String connectionKey() {
    return amqpUri + "|" + vhost + "|" + username;
  }

  @Override
  public String toString() {
    // Never the password: endpoints end up in logs and exception messages.
    return username + "@" + amqpUri + " vhost " + vhost;
  }
}
