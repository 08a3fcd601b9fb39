package io.stevedore.operator.api.v1alpha1;

/** When the tenant's credentials were last rotated, and until when the previous ones work. */
public class CredentialsStatus {

  /** The `stevedore.io/rotate-credentials` token whose rotation is done. */
  private String rotationToken;

  /** When the credentials were last rotated (RFC 3339). */
  private String rotatedAt;

  /**
   * Until when the previous API key and broker user still work (RFC 3339); empty once they are
   * revoked.
   */
  private String previousValidUntil;

  public String getRotationToken() {
    return rotationToken;
  }

  public void setRotationToken(String rotationToken) {
    this.rotationToken = rotationToken;
  }

  public String getRotatedAt() {
    return rotatedAt;
  }

  public void setRotatedAt(String rotatedAt) {
    this.rotatedAt = rotatedAt;
  }

  public String getPreviousValidUntil() {
    return previousValidUntil;
  }

  public void setPreviousValidUntil(String previousValidUntil) {
    this.previousValidUntil = previousValidUntil;
  }
}
