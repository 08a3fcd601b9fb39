package io.stevedore.operator.tenant;

/**
 * An object the tenant's step would make or change exists and is not the tenant's: it is left
 * untouched and the step reports `NameConflict`.
 */
final class NameConflictException extends RuntimeException {
  NameConflictException(String object, String owner) {
    super(
        object
            + " exists and is not this Tenant's ("
            + owner
            + "): left untouched; remove or rename it, or give the Tenant another name");
  }
}
