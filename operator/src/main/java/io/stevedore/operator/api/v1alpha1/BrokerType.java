package io.stevedore.operator.api.v1alpha1;

/** Which message broker carries the tenants' queues. */
public enum BrokerType {
  RabbitMQ,
  SQS
}
