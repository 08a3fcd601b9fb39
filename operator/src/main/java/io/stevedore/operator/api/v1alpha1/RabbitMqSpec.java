package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** How the platform and the operator reach RabbitMQ. */
public class RabbitMqSpec {

  /** AMQP URL without credentials, e.g. `amqp://rabbitmq.messaging.svc:5672`. */
  @Required
  @Pattern("^amqps?://[^@\\s]+$")
  private String url;

  /**
   * Management HTTP API URL, e.g. `http://rabbitmq.messaging.svc:15672`; enables per-tenant broker
   * users and consumer/rate metrics.
   */
  @Pattern("^https?://[^@\\s]+$")
  private String managementUrl;

  /** Virtual host that holds the tenants' queues. */
  @Default("/")
  private String vhost = "/";

  /** Secret with the administrative broker credentials. */
  @Required private CredentialsSecretRef credentialsSecretRef;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getManagementUrl() {
    return managementUrl;
  }

  public void setManagementUrl(String managementUrl) {
    this.managementUrl = managementUrl;
  }

  public String getVhost() {
    return vhost;
  }

  public void setVhost(String vhost) {
    this.vhost = vhost;
  }

  public CredentialsSecretRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(CredentialsSecretRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }
}
