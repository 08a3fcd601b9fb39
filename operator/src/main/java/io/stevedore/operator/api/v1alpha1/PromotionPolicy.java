package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** How releases are promoted into an Environment: from where, after what, checked how. */
public class PromotionPolicy {

  /**
   * Name of the Environment (same namespace) releases must come from, e.g. `staging` for `prod`: a
   * promotion may only bring a release that runs there, verified. Chains must not loop.
   */
  @Pattern(Dns1123.LABEL)
  private String from;

  /** Seconds the release must have run, fully rolled out, in the `from` environment. */
  @Default("0")
  @Min(0)
  @Max(2592000)
  private Integer soakSeconds = 0;

  /**
   * Whether a promotion waits for the `stevedore.io/approved-by` annotation on the Promotion (set
   * by a person or a CI job) before it rolls out.
   */
  @Default("false")
  private Boolean requireApproval = false;

  /** Health bounds: checked on the source before the rollout, on this environment after it. */
  private HealthGates gates = new HealthGates();

  /** The verification after the rollout; a failed verification rolls back by itself. */
  private VerificationSpec verification = new VerificationSpec();

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public Integer getSoakSeconds() {
    return soakSeconds;
  }

  public void setSoakSeconds(Integer soakSeconds) {
    this.soakSeconds = soakSeconds;
  }

  public Boolean getRequireApproval() {
    return requireApproval;
  }

  public void setRequireApproval(Boolean requireApproval) {
    this.requireApproval = requireApproval;
  }

  public HealthGates getGates() {
    return gates;
  }

  public void setGates(HealthGates gates) {
    this.gates = gates;
  }

  public VerificationSpec getVerification() {
    return verification;
  }

  public void setVerification(VerificationSpec verification) {
    this.verification = verification;
  }
}
