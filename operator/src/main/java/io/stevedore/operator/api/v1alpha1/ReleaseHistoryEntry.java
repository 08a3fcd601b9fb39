package io.stevedore.operator.api.v1alpha1;

/** A release that was set on an Environment: by whom, when, and what became of it. */
public class ReleaseHistoryEntry extends Release {

  /** The Promotion that set it; empty when it was set by hand. */
  private String promotion;

  /**
   * Who set it: the Promotion's `stevedore.io/promoted-by` annotation (else its name); for a hand
   * edit, the Environment's `stevedore.io/promoted-by` annotation (else `unknown`); for a rollback,
   * the operator.
   */
  private String promotedBy;

  /** When the operator first saw the release on the Environment (RFC 3339). */
  private String startedAt;

  /** When it was fully rolled out, or its Promotion finished (RFC 3339). */
  private String finishedAt;

  /** `RollingOut`, `RolledOut`, `Verifying`, `Succeeded`, `Failed`, `RolledBack`, `Abandoned`. */
  private ReleaseOutcome outcome;

  /** Why it ended as it did, e.g. the gate whose failure rolled it back. */
  private String message;

  public String getPromotion() {
    return promotion;
  }

  public void setPromotion(String promotion) {
    this.promotion = promotion;
  }

  public String getPromotedBy() {
    return promotedBy;
  }

  public void setPromotedBy(String promotedBy) {
    this.promotedBy = promotedBy;
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

  public ReleaseOutcome getOutcome() {
    return outcome;
  }

  public void setOutcome(ReleaseOutcome outcome) {
    this.outcome = outcome;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
