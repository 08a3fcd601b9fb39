package io.stevedore.operator.api.v1alpha1;

/** The RabbitMQ queue type of the tenants' queues. */
public enum RabbitQueueType {
  /** Replicated (Raft) queues with a delivery limit: the default, for data safety. */
  Quorum,
  /** Single-node queues without a delivery limit, as before quorum queues became the default. */
  Classic
}
