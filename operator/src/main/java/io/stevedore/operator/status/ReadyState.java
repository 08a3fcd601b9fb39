package io.stevedore.operator.status;

/**
 * The operator's verdict on a resource: whether it is Ready, why, and whether the reason calls for
 * a Warning.
 */
public record ReadyState(boolean ready, String reason, String message, boolean warning) {

  public static ReadyState ready(String reason, String message) {
    return new ReadyState(true, reason, message, false);
  }

  /** Not ready yet, but on its way (e.g. a rollout): a Normal event. */
  public static ReadyState progressing(String reason, String message) {
    return new ReadyState(false, reason, message, false);
  }

  /** The spec has problems the schema could not catch; each is a sentence naming its field. */
  public static ReadyState invalidSpec(java.util.List<String> problems) {
    return failed("InvalidSpec", String.join("; ", problems));
  }

  /** Not ready because something is wrong that a person or another resource must fix. */
  public static ReadyState failed(String reason, String message) {
    return new ReadyState(false, reason, message, true);
  }
}
