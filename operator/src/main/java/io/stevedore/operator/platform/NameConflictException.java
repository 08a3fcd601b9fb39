package io.stevedore.operator.platform;

/**
 * Something a tenant's step would make, change or remove exists under the tenant's name and is not
 * the tenant's: it is left untouched and the step reports `NameConflict`.
 */
public final class NameConflictException extends RuntimeException {
  /**
   * @param object what it is, as people name it (e.g. "DynamoDB table staging-a.acme")
   * @param owner who it seems to belong to
   */
  public NameConflictException(String object, String owner) {
    super(
        object
            + " exists and is not this Tenant's ("
            + owner
            + "): left untouched; remove or rename it, or give the Tenant another name");
  }
}
