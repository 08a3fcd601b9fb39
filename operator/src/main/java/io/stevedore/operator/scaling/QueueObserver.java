package io.stevedore.operator.scaling;

import io.stevedore.operator.api.v1alpha1.Environment;
import java.util.List;

/** Reads the depth of an Environment's queues from its broker. */
public interface QueueObserver {

  /**
   * The depth of {@code queues} (platform queue names).
   *
   * @throws ObservationException when any queue could not be read: no partial answer, since a
   *     missing queue must never count as an empty one
   */
  QueueDepth observe(Environment environment, List<String> queues) throws ObservationException;

  /** An observation that failed, classified. */
  final class ObservationException extends Exception {
    private final ObservationFailure failure;

    public ObservationException(ObservationFailure.Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.failure = new ObservationFailure(kind, message);
    }

    public ObservationFailure failure() {
      return failure;
    }
  }
}
