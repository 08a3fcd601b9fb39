package io.stevedore.operator.broker;

import io.stevedore.contract.TenantQueues;

/**
 * What a tenant's broker user may do (pure): read (consume, get) its own queues, nothing else. No
 * configure: the operator owns the topology, so a tenant can neither delete nor redeclare its
 * queues. No write: RabbitMQ authorises a publish on the exchange only, and write on the default
 * exchange would let the user publish into every queue of the vhost; tenants send through ingest.
 */
public final class TenantBrokerPermissions {
  private TenantBrokerPermissions() {}

  public static RabbitManagement.Permissions of(TenantQueues queues) {
    String main = "^" + literal(queues.main());
    String read = main + "(\\.dlq|\\.retry\\.[0-9]+s)?$";
    return new RabbitManagement.Permissions("^$", "^$", read);
  }

  /**
   * {@code text} as a regex that matches only itself: every character but ASCII letters and digits
   * escaped, which means itself in RabbitMQ's (Erlang/PCRE) and Java's regexes alike.
   */
  static String literal(String text) {
    StringBuilder regex = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (!(c < 128 && Character.isLetterOrDigit(c))) {
                regex.append('\\');
              }
              regex.appendCodePoint(c);
            });
    return regex.toString();
  }
}
