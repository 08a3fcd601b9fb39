package io.stevedore.runtime.ingest;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.config.StevedoreProperties;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import io.stevedore.runtime.web.ApiKeyAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * `POST /v1/events`: device agents push batches of events; `202` once the tenant's queue has them.
 * Checks run cheapest first: API key, content type, body size, then the body itself. The hot path
 * reads the servlet request and writes the response itself, skipping Spring's header copying,
 * content negotiation and message converters (a third of the request's CPU time).
 */
@RestController
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
class EventsController {
  private static final ObjectWriter ACCEPTED =
      JsonMapper.shared().writerFor(EventIngest.Accepted.class);

  private final TenantDirectoryFile directory;
  private final ApiKeyAuthentication authentication;
  private final EventIngest ingest;
  private final int maxBodyBytes;

  EventsController(
      TenantDirectoryFile directory,
      ApiKeyAuthentication authentication,
      EventIngest ingest,
      StevedoreProperties properties) {
    this.directory = directory;
    this.authentication = authentication;
    this.ingest = ingest;
    this.maxBodyBytes = properties.ingest().maxBodyBytes();
  }

  @PostMapping("/v1/events")
  void post(HttpServletRequest request, HttpServletResponse response)
      throws IOException, HttpMediaTypeNotSupportedException {
    // Until the answer, this pod reports the directory it authenticated against as served.
    try (var lease = directory.lease()) {
      var tenant = authentication.tenant(lease.tenants(), credentials(request));
      post(tenant, request, response);
    }
  }

  private void post(
      TenantDirectory.Entry tenant, HttpServletRequest request, HttpServletResponse response)
      throws IOException, HttpMediaTypeNotSupportedException {
    try (var tenantName = MDC.putCloseable("tenant", tenant.namespace() + "/" + tenant.name())) {
      requireJson(request.getContentType());
      byte[] body =
          RequestBodies.read(
              request.getInputStream(), request.getContentLengthLong(), maxBodyBytes);
      byte[] accepted = ACCEPTED.writeValueAsBytes(ingest.accept(tenant, body));
      response.setStatus(HttpStatus.ACCEPTED.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setContentLength(accepted.length);
      response.getOutputStream().write(accepted);
    }
  }

  /** The headers that can carry an API key. */
  private static HttpHeaders credentials(HttpServletRequest request) {
    HttpHeaders headers = new HttpHeaders();
    for (String name : List.of(HttpHeaders.AUTHORIZATION, ApiKeyAuthentication.API_KEY_HEADER)) {
      String value = request.getHeader(name);
      if (value != null) {
        headers.set(name, value);
      }
    }
    return headers;
  }

  private static void requireJson(String contentType) throws HttpMediaTypeNotSupportedException {
    MediaType type;
    try {
      type = contentType == null ? null : MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException e) {
      throw new HttpMediaTypeNotSupportedException(
          e.getMessage(), List.of(MediaType.APPLICATION_JSON));
    }
    boolean json =
        type != null
            && "application".equals(type.getType())
            && ("json".equals(type.getSubtype()) || "json".equals(type.getSubtypeSuffix()));
    if (!json) {
      throw new HttpMediaTypeNotSupportedException(
          type, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
    }
  }
}
