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
 * `GET /v1/agents/{deviceId}/config`: a device agent pulls its configuration, the JSON stored in
 * MySQL table agent_config for the calling tenant (from the API key) and device. The ETag is a
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
    String config =
        jdbc.sql(
                "SELECT config FROM agent_config"
                    + " WHERE namespace = ? AND tenant = ? AND device_id = ?")
            .params(tenant.namespace(), tenant.name(), deviceId)
            .query(String.class)
            .optional()
            .orElseThrow(() -> ApiProblem.notFound("No configuration for device " + deviceId));
    // Spring answers 304 itself when If-None-Match matches this ETag.
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .eTag(etag(config))
        .body(config);
  }

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
