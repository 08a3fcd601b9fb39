package io.stevedore.operator.broker;

/**
 * A queue delete the broker (or the re-check before it) refused because the queue holds messages or
 * has consumers: nothing was lost, the caller drains again before the next try.
 */
public final class QueueNotEmptyException extends BrokerException {
  public QueueNotEmptyException(String message, Throwable cause) {
    super(Failure.REJECTED, message, cause);
  }
}
