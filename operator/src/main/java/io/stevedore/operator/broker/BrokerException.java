package io.stevedore.operator.broker;

/**
 * A broker call that failed, classified so that callers can tell a down broker from bad credentials
 * or a missing queue (and never mistake any of them for an empty queue).
 */
public class BrokerException extends Exception {

  /** What went wrong, in the terms a condition reason needs. */
  public enum Failure {
    /** The broker could not be reached or did not answer in time. */
    UNAVAILABLE,
    /** The broker refused the credentials, or the user may not use the vhost or resource. */
    AUTH_FAILED,
    /** The queue (or user, vhost) does not exist. */
    NOT_FOUND,
    /**
     * The broker answered, but refused the request (e.g. a queue declared with other arguments).
     */
    REJECTED
  }

  private final Failure failure;

  public BrokerException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public BrokerException(Failure failure, String message) {
    this(failure, message, null);
  }

  public Failure failure() {
    return failure;
  }
}
