package io.stevedore.runtime.tenant;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/tenantdirectory}: the generation of the tenant directory this pod serves, which
 * the operator waits for before it deletes the queues of a tenant that left the directory.
 */
@Endpoint(id = "tenantdirectory")
public class TenantDirectoryEndpoint {

  /**
   * The answer: {@code {"generation": g, "loadedGeneration": l, "tenants": n}}; {@code generation}
   * is the oldest directory a request still in progress serves from (else the loaded one), so every
   * tenant missing from generation g is refused by this pod and has no request of it in flight.
   */
  public record Served(long generation, long loadedGeneration, int tenants) {}

  private final TenantDirectoryFile directory;

  public TenantDirectoryEndpoint(TenantDirectoryFile directory) {
    this.directory = directory;
  }

  @ReadOperation
  public Served served() {
    Tenants loaded = directory.current();
    return new Served(directory.servedGeneration(), loaded.generation(), loaded.all().size());
  }
}
