package io.stevedore.runtime.rules;

/** A stored rule that does not follow the rule format; it is skipped, never applied. */
public class InvalidRuleException extends RuntimeException {
  public InvalidRuleException(String message) {
    super(message);
  }
}
