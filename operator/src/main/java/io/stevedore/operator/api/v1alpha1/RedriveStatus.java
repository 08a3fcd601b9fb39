package io.stevedore.operator.api.v1alpha1;

/**
 * The last dead-letter redrive asked for with the annotation `stevedore.io/redrive-dead-letters:
 * "<token>"`: moved in bounded batches from the dead-letter queue back to the main queue.
 */
public class RedriveStatus {

  /** The annotation's token this redrive answers; a new token starts a new redrive. */
  private String token;

  /** Dead letters moved back to the main queue by this redrive so far. */
  private Long moved;

  /**
   * Messages left in the dead-letter queue after the last batch (those that failed again since this
   * redrive moved them, and any dead-lettered meanwhile).
   */
  private Long remaining;

  /** When the redrive started (RFC 3339). */
  private String startedAt;

  /** When the redrive finished (RFC 3339); empty while it runs. */
  private String finishedAt;

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public Long getMoved() {
    return moved;
  }

  public void setMoved(Long moved) {
    this.moved = moved;
  }

  public Long getRemaining() {
    return remaining;
  }

  public void setRemaining(Long remaining) {
    this.remaining = remaining;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }
}
