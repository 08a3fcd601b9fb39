package io.stevedore.runtime.broker;

/** The broker did not take a message (down, slow, or refused it): nothing was stored. */
public class BrokerUnavailableException extends RuntimeException {
  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
