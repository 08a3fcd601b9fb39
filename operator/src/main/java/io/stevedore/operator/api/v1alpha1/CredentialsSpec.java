package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * How a tenant's credentials are rotated (annotate the Tenant with
 * `stevedore.io/rotate-credentials: "<new token>"` to rotate).
 */
public class CredentialsSpec {

  /**
   * Seconds during which the previous API key and broker password keep working after a rotation, so
   * that clients can switch without an outage; 0 revokes them at once.
   */
  @Default("3600")
  @Min(0)
  @Max(604800)
  private Integer overlapSeconds = 3600;

  public Integer getOverlapSeconds() {
    return overlapSeconds;
  }

  public void setOverlapSeconds(Integer overlapSeconds) {
    this.overlapSeconds = overlapSeconds;
  }
}
