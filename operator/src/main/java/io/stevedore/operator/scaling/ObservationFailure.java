package io.stevedore.operator.scaling;

/**
 * Why the pool's queues could not be observed. The decision never reads a failure as an empty
 * queue.
 */
public record ObservationFailure(Kind kind, String message) implements ObservationResult {

  /** The kinds of failure, which are also the reasons of the `MetricsAvailable` condition. */
  public enum Kind {
    /** The broker (or its API) could not be reached or did not answer in time. */
    SourceUnavailable,
    /** A queue of the pool does not exist. */
    QueueMissing,
    /** The broker refused the credentials, or they could not be read. */
    AuthFailed
  }
}
