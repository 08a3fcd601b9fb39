package io.stevedore.runtime.web;

import io.stevedore.contract.ApiKeyDigest;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import io.stevedore.runtime.tenant.Tenants;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Finds the calling tenant from its API key (`Authorization: Bearer <key>` or `X-Api-Key`),
 * comparing digests only: the runtime never holds the keys themselves.
 */
@Component
public class ApiKeyAuthentication {
  public static final String API_KEY_HEADER = "X-Api-Key";
  private static final String BEARER = "Bearer ";

  private final TenantDirectoryFile directory;

  public ApiKeyAuthentication(TenantDirectoryFile directory) {
    this.directory = directory;
  }

  /** The tenant the key belongs to; 401 for a missing or unknown key, 403 for a suspended one. */
  public TenantDirectory.Entry tenant(HttpHeaders headers) {
    return tenant(directory.current(), headers);
  }

  /**
   * As {@link #tenant(HttpHeaders)}, in {@code tenants} (a directory a request holds a lease on).
   */
  public TenantDirectory.Entry tenant(Tenants tenants, HttpHeaders headers) {
    String key = headers.getFirst(API_KEY_HEADER);
    String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
    if (key == null && authorization != null && authorization.startsWith(BEARER)) {
      key = authorization.substring(BEARER.length()).trim();
    }
    if (key == null || key.isEmpty()) {
      throw ApiProblem.unauthorized("No API key: send `Authorization: Bearer <key>`");
    }
    var tenant =
        tenants
            .byApiKeyDigest(ApiKeyDigest.sha256(key))
            .orElseThrow(() -> ApiProblem.unauthorized("Unknown API key"));
    if (tenant.suspended()) {
      throw ApiProblem.forbidden("Tenant " + tenant.name() + " is suspended");
    }
    return tenant;
  }
}
