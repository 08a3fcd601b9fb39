package io.stevedore.runtime.ingest;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import io.stevedore.runtime.web.ApiKeyAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * `POST /v1/events` ahead of Spring MVC: device agents push batches of events; `202` once the
 * tenant's queue has them. Checks run cheapest first: API key, content type, body size, then the
 * body itself. The hot path skips the DispatcherServlet (handler lookup, argument resolution,
 * content negotiation, message converters); a request that fails goes on to {@link
 * EventsController}, which throws its failure for the problem handler, so every error is answered
 * as any other of the API. Other methods go on to Spring MVC unchanged (405).
 */
final class EventsFilter extends HttpFilter {
  static final String PATH = "/v1/events";

  /** The request attribute holding why the fast path did not answer. */
  static final String FAILURE = EventsFilter.class.getName() + ".failure";

  // Buffers pooled per thread: the request threads contended for Jackson's shared pool.
  private static final ObjectWriter ACCEPTED =
      JsonMapper.builder(
              JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
          .build()
          .writerFor(EventIngest.Accepted.class);

  private final TenantDirectoryFile directory;
  private final ApiKeyAuthentication authentication;
  private final EventIngest ingest;
  private final int maxBodyBytes;

  EventsFilter(
      TenantDirectoryFile directory,
      ApiKeyAuthentication authentication,
      EventIngest ingest,
      int maxBodyBytes) {
    this.directory = directory;
    this.authentication = authentication;
    this.ingest = ingest;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!HttpMethod.POST.matches(request.getMethod()) || !PATH.equals(request.getRequestURI())) {
      chain.doFilter(request, response);
      return;
    }
    // The request metrics' uri tag, which Spring MVC's handler mapping would have set.
    ServerHttpObservationFilter.findObservationContext(request)
        .ifPresent(context -> context.setPathPattern(PATH));
    try {
      post(request, response);
    } catch (Exception e) {
      request.setAttribute(FAILURE, e);
      chain.doFilter(request, response);
    }
  }

  private void post(HttpServletRequest request, HttpServletResponse response)
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
