package io.stevedore.runtime.ingest;

import io.stevedore.runtime.web.ApiKeyAuthentication;
import io.stevedore.runtime.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * `GET /v1/agents/{deviceId}/config`: a device agent pulls its configuration: the JSON stored in
 * MySQL table agent_config for the calling tenant (from the API key) and device, else the tenant's
 * declared agent configuration (Tenant `spec.agentConfig`, in tenant_configuration). The ETag is a
 * digest of the configuration, so an agent polling with If-None-Match gets `304` until it changes.
 */
@RestController
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
class AgentConfigController {

  private final ApiKeyAuthentication authentication;
  private final JdbcClient jdbc;

  AgentConfigController(ApiKeyAuthentication authentication, JdbcClient jdbc) {
    this.authentication = authentication;
    this.jdbc = jdbc;
  }

  @GetMapping("/v1/agents/{deviceId}/config")
  ResponseEntity<String> config(@PathVariable String deviceId, @RequestHeader HttpHeaders headers) {
    var tenant = authentication.tenant(headers);
    var device =
        jdbc.sql(
                "SELECT config FROM agent_config"
                    + " WHERE namespace = ? AND tenant = ? AND device_id = ?")
            .params(tenant.namespace(), tenant.name(), deviceId)
            .query(String.class)
            .optional();
    var served =
        device
            .map(config -> new Served(config, etag(config)))
            .or(
                () ->
                    jdbc.sql(
                            "SELECT agent_config, agent_config_etag FROM tenant_configuration"
                                + " WHERE namespace = ? AND tenant = ? AND agent_config IS NOT NULL")
                        .params(tenant.namespace(), tenant.name())
                        .query((rs, i) -> new Served(rs.getString(1), rs.getString(2)))
                        .optional())
            .orElseThrow(() -> ApiProblem.notFound("No configuration for device " + deviceId));
    // Spring answers 304 itself when If-None-Match matches this ETag.
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .eTag(served.etag())
        .body(served.config());
  }

  /** A configuration and its ETag (the operator's, for a tenant's declared one). */
  private record Served(String config, String etag) {}

  private static String etag(String config) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(config.getBytes(StandardCharsets.UTF_8));
      return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
