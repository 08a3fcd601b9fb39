package io.stevedore.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a Promotion is and why. Conditions: `Succeeded` (True once verified; False with the reason
 * while queued, blocked, rolling out or verifying, and after a failure or rollback), `Finished`
 * (True once the phase is final, whatever the outcome), `GatesPassed`, `Approved`, and `Ready`
 * (mirrors `Succeeded`).
 */
public class PromotionStatus extends StevedoreStatus {

  /**
   * `Pending`, `RollingOut`, `Verifying`, `RollingBack`, then one of `Succeeded`, `Failed`,
   * `RolledBack`.
   */
  private PromotionPhase phase;

  /** The release being promoted: the spec's, or what the source ran when it was resolved. */
  private Release release;

  /** The Environment the release is promoted from, if any; the gates before rollout measure it. */
  private String sourceEnvironment;

  /** The target's last good release when the rollout began: where a failed verification returns. */
  private Release rollbackRelease;

  /** Who asked for the promotion: the `stevedore.io/promoted-by` annotation, else the name. */
  private String promotedBy;

  /** Who approved it: the `stevedore.io/approved-by` annotation, when approval is required. */
  private String approvedBy;

  /** Every gate as last judged: before the rollout on the source, while verifying on the target. */
  private List<GateStatus> gates = new ArrayList<>();

  /** When the operator changed the target's release (RFC 3339). */
  private String startedAt;

  /** When the rollout finished and the verification window began (RFC 3339). */
  private String verificationStartedAt;

  /** When verification failed and the operator set the rollback release (RFC 3339). */
  private String rollbackStartedAt;

  /** When the promotion reached a final phase (RFC 3339). */
  private String finishedAt;

  public PromotionPhase getPhase() {
    return phase;
  }

  public void setPhase(PromotionPhase phase) {
    this.phase = phase;
  }

  public Release getRelease() {
    return release;
  }

  public void setRelease(Release release) {
    this.release = release;
  }

  public String getSourceEnvironment() {
    return sourceEnvironment;
  }

  public void setSourceEnvironment(String sourceEnvironment) {
    this.sourceEnvironment = sourceEnvironment;
  }

  public Release getRollbackRelease() {
    return rollbackRelease;
  }

  public void setRollbackRelease(Release rollbackRelease) {
    this.rollbackRelease = rollbackRelease;
  }

  public String getPromotedBy() {
    return promotedBy;
  }

  public void setPromotedBy(String promotedBy) {
    this.promotedBy = promotedBy;
  }

  public String getApprovedBy() {
    return approvedBy;
  }

  public void setApprovedBy(String approvedBy) {
    this.approvedBy = approvedBy;
  }

  public List<GateStatus> getGates() {
    return gates;
  }

  public void setGates(List<GateStatus> gates) {
    this.gates = gates;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getVerificationStartedAt() {
    return verificationStartedAt;
  }

  public void setVerificationStartedAt(String verificationStartedAt) {
    this.verificationStartedAt = verificationStartedAt;
  }

  public String getRollbackStartedAt() {
    return rollbackStartedAt;
  }

  public void setRollbackStartedAt(String rollbackStartedAt) {
    this.rollbackStartedAt = rollbackStartedAt;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }
}
