package io.stevedore.operator.api.v1alpha1;

/** What deleting a Tenant does to its data. */
public enum DeletionPolicy {
  /** Keep queues, table and configuration; only the Kubernetes objects go. */
  Retain,
  /** Remove queues, table and configuration, after the queue has drained. */
  Delete
}
