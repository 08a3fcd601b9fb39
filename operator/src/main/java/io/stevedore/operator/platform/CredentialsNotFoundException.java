package io.stevedore.operator.platform;

/** A Secret or key that an Environment references for its services' credentials is missing. */
public class CredentialsNotFoundException extends Exception {
  public CredentialsNotFoundException(String message) {
    super(message);
  }
}
