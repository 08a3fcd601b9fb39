package io.stevedore.operator.platform;

/** A tenant directory that even the most shards of the configured size cannot hold. */
public final class TenantDirectoryTooLargeException extends RuntimeException {
  public TenantDirectoryTooLargeException(int tenants, int maxObjectBytes, int maxShards) {
    super(
        "the tenant directory of "
            + tenants
            + " tenants does not fit in "
            + maxShards
            + " objects of "
            + maxObjectBytes
            + " bytes; raise STEVEDORE_TENANT_DIRECTORY_MAX_OBJECT_BYTES (at most ~700 KiB) or"
            + " split the tenants across Environments");
  }
}
