package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What to promote, and where to. */
@ValidationRule(
    value = "has(self.release) != has(self.fromEnvironment)",
    message = "set exactly one of release and fromEnvironment")
@ValidationRule(
    value = "self == oldSelf",
    message = "a Promotion's spec is immutable: create a new Promotion instead")
public class PromotionSpec {

  /** Name of the Environment (same namespace) whose release this promotion changes. */
  @Required
  @Pattern(Dns1123.LABEL)
  private String environment;

  /** The release to promote; set this or fromEnvironment, not both. */
  private Release release;

  /**
   * Name of the Environment (same namespace) whose fully rolled-out, verified release to promote;
   * set this or release, not both. When the target's promotion policy names a source (`from`), it
   * must be that one.
   */
  @Pattern(Dns1123.LABEL)
  private String fromEnvironment;

  /**
   * Seconds after the promotion finishes (Succeeded, RolledBack or Failed) before the operator
   * deletes it, like a Job's ttlSecondsAfterFinished; the Environment's history keeps the record.
   * Unset: kept until deleted.
   */
  @Min(0)
  private Integer ttlSecondsAfterFinished;

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public Release getRelease() {
    return release;
  }

  public void setRelease(Release release) {
    this.release = release;
  }

  public String getFromEnvironment() {
    return fromEnvironment;
  }

  public void setFromEnvironment(String fromEnvironment) {
    this.fromEnvironment = fromEnvironment;
  }

  public Integer getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Integer ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }
}
