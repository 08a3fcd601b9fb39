package io.stevedore.contract.rules;

/** A rule that does not follow the rule format (platform-runtime/RULES.md); never applied. */
public class InvalidRuleException extends RuntimeException {
  public InvalidRuleException(String message) {
    super(message);
  }
}
