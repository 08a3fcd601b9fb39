package io.stevedore.runtime.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * `GET /dashboard`: the tenant's dashboard page, its script and styles, and uPlot (from its WebJar
 * in this jar: nothing is loaded from elsewhere). A fixed list of files, each with a strict Content
 * Security Policy: scripts, styles and API calls from this origin only, no inline code, no frames.
 */
@RestController
@ConditionalOnProperty(name = "stevedore.role", havingValue = "ingest")
public class DashboardPageController {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final String PAGES = "classpath:io/stevedore/runtime/dashboard/";
  private static final String UPLOT = "classpath*:META-INF/resources/webjars/uplot/*/dist/";
  private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");
  private static final MediaType CSS = MediaType.parseMediaType("text/css");

  private record Asset(byte[] body, MediaType type) {}

  private final Map<String, Asset> assets;
  private final Asset page;

  public DashboardPageController() {
    var resolver = new PathMatchingResourcePatternResolver();
    this.page = load(resolver, PAGES + "index.html", MediaType.TEXT_HTML);
    this.assets =
        Map.of(
            "dashboard.js", load(resolver, PAGES + "dashboard.js", JAVASCRIPT),
            "dashboard.css", load(resolver, PAGES + "dashboard.css", CSS),
            "uPlot.iife.min.js", load(resolver, UPLOT + "uPlot.iife.min.js", JAVASCRIPT),
            "uPlot.min.css", load(resolver, UPLOT + "uPlot.min.css", CSS));
  }

  @GetMapping({"/dashboard", "/dashboard/"})
  public ResponseEntity<byte[]> page() {
    return respond(page);
  }

  @GetMapping("/dashboard/{file}")
  public ResponseEntity<byte[]> asset(@PathVariable String file) {
    Asset asset = assets.get(file);
    return asset == null ? ResponseEntity.notFound().build() : respond(asset);
  }

  private static ResponseEntity<byte[]> respond(Asset asset) {
    return ResponseEntity.ok()
        .contentType(asset.type())
        .cacheControl(CacheControl.noCache())
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Frame-Options", "DENY")
        .body(asset.body());
  }

  private static Asset load(
      PathMatchingResourcePatternResolver resolver, String pattern, MediaType type) {
    try {
      Resource[] found = resolver.getResources(pattern);
      if (found.length != 1 || !found[0].exists()) {
        throw new IllegalStateException(
            "Expected one dashboard file " + pattern + ", found " + found.length);
      }
      try (InputStream in = found[0].getInputStream()) {
        return new Asset(in.readAllBytes(), type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
