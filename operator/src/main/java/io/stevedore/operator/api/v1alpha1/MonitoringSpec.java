package io.stevedore.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

/** Who may scrape the platform pods' actuator port (8081: metrics, health, in-flight work). */
public class MonitoringSpec {

  /**
   * Pods allowed to reach the actuator port of ingest and worker pods, besides the operator, e.g.
   * `[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}, podSelector:
   * {matchLabels: {app.kubernetes.io/name: prometheus}}}]`. Empty: the operator only.
   */
  private List<ScrapeSource> scrapeFrom = new ArrayList<>();

  public List<ScrapeSource> getScrapeFrom() {
    return scrapeFrom;
  }

  public void setScrapeFrom(List<ScrapeSource> scrapeFrom) {
    this.scrapeFrom = scrapeFrom;
  }
}
