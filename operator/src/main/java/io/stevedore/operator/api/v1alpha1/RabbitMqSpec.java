package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
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

  /**
   * Type of the tenants' queues declared from now on: `Quorum` (replicated, with `deliveryLimit`)
   * or `Classic` (one node's disk, no delivery limit). Existing queues keep the type they have;
   * QueuesReady says which they are, and the README says how to migrate them.
   */
  @Default("Quorum")
  private RabbitQueueType queueType = RabbitQueueType.Quorum;

  /**
   * Quorum queues only: how often one message may come back unsettled (a worker crashed or was
   * stopped holding it) before the broker moves it to the tenant's dead-letter queue. Independent
   * of the worker's 4 processing attempts, each of which starts a new count. Applies to queues
   * declared from now on.
   */
  @Default("20")
  @Min(5)
  @Max(1000)
  private Integer deliveryLimit = 20;

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

  public RabbitQueueType getQueueType() {
    return queueType;
  }

  public void setQueueType(RabbitQueueType queueType) {
    this.queueType = queueType;
  }

  public Integer getDeliveryLimit() {
    return deliveryLimit;
  }

  public void setDeliveryLimit(Integer deliveryLimit) {
    this.deliveryLimit = deliveryLimit;
  }
}
