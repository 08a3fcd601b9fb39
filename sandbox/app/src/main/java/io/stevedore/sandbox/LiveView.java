package io.stevedore.sandbox;

import io.stevedore.operator.kube.Labels;
import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.LocalKubelet;
import java.time.Instant;
import java.util.Optional;

/**
 * What the sandbox's live view shows below its header: the resource table, the ingest addresses,
 * the "Try it" block ({@link TryIt}) and, with {@code --prometheus}, the pending and firing alerts.
 */
final class LiveView {
  private final EmbeddedKubernetes kubernetes;
  private final String namespace;
  private final LocalKubelet kubelet;
  private final SandboxPrometheus prometheus;
  // Fixed, so that the printed post and read-back stay a pair across refreshes.
  private final Instant tryItAt = Instant.now();

  /** {@code kubelet} is null with --simulated, {@code prometheus} without --prometheus. */
  LiveView(
      EmbeddedKubernetes kubernetes,
      String namespace,
      LocalKubelet kubelet,
      SandboxPrometheus prometheus) {
    this.kubernetes = kubernetes;
    this.namespace = namespace;
    this.kubelet = kubelet;
    this.prometheus = prometheus;
  }

  String render() {
    var client = kubernetes.client();
    var rows = ResourceTable.rows(client, namespace);
    StringBuilder out = new StringBuilder(ResourceTable.render(client, namespace, rows));
    if (kubelet != null) {
      for (var ingest :
          client
              .apps()
              .deployments()
              .inNamespace(namespace)
              .withLabel(Labels.COMPONENT, "ingest")
              .list()
              .getItems()) {
        String name = ingest.getMetadata().getName();
        for (int port : kubelet.httpPorts(namespace, name)) {
          out.append(
              String.format(
                  "Ingest       %-24s POST %s%n",
                  name, TryIt.addresses(TryIt.local(port), tryItAt).events()));
        }
      }
      out.append(System.lineSeparator())
          .append(TryIt.render(TryItTargets.find(client, namespace, kubelet), tryItAt));
    }
    if (prometheus == null) {
      return out.toString();
    }
    var pods = client.pods().inNamespace(namespace).list().getItems();
    prometheus.scrape(
        pods, pod -> kubelet == null ? Optional.empty() : kubelet.managementAddress(pod));
    out.append(System.lineSeparator());
    try {
      out.append(SandboxPrometheus.render(prometheus.url(), prometheus.alerts()));
    } catch (java.io.IOException e) {
      out.append("ALERTS: Prometheus did not answer: ").append(e.getMessage()).append('\n');
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out.toString();
  }
}
