package io.stevedore.contract.rules;

/** Text that is not one strict JSON value (RFC 8259), with where and why. */
public class InvalidJsonException extends RuntimeException {
  public InvalidJsonException(String message) {
    super(message);
  }
}
