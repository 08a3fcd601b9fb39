package io.stevedore.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.LabelSelector;

/**
 * Pods that may scrape the platform pods, as a NetworkPolicy peer: both selectors set means those
 * pods in those namespaces; only a namespace selector, every pod there; only a pod selector, those
 * pods in the Environment's namespace.
 */
public class ScrapeSource {

  /**
   * Namespaces of the scraping pods, e.g. `{matchLabels: {kubernetes.io/metadata.name:
   * monitoring}}`.
   */
  private LabelSelector namespaceSelector;

  /** The scraping pods, e.g. `{matchLabels: {app.kubernetes.io/name: prometheus}}`. */
  private LabelSelector podSelector;

  public ScrapeSource() {}

  public ScrapeSource(LabelSelector namespaceSelector, LabelSelector podSelector) {
    this.namespaceSelector = namespaceSelector;
    this.podSelector = podSelector;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public LabelSelector getPodSelector() {
    return podSelector;
  }

  public void setPodSelector(LabelSelector podSelector) {
    this.podSelector = podSelector;
  }
}
