package io.stevedore.operator.bench;

import io.stevedore.sandbox.cluster.EmbeddedKubernetes;
import io.stevedore.sandbox.cluster.apiserver.ApiCall;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The calls one client made to the embedded API since a starting point, by verb and resource. */
final class ApiCalls {
  private final EmbeddedKubernetes kubernetes;
  private final String userAgent;
  private final Map<ApiCall, Long> start;

  ApiCalls(EmbeddedKubernetes kubernetes, String userAgent) {
    this.kubernetes = kubernetes;
    this.userAgent = userAgent;
    this.start = kubernetes.calls().countsFor(userAgent);
  }

  /** Calls since the start, e.g. `create secrets 1.00, patch tenants 2.00` per {@code unit}. */
  String per(double unit) {
    Map<String, Long> byKind = new TreeMap<>();
    kubernetes
        .calls()
        .countsFor(userAgent)
        .forEach(
            (call, n) -> {
              long since = n - start.getOrDefault(call, 0L);
              if (since > 0) {
                byKind.merge(call.verb() + " " + call.resource(), since, Long::sum);
              }
            });
    long total = byKind.values().stream().mapToLong(Long::longValue).sum();
    return String.format(Locale.ROOT, "%.2f in all: ", total / unit)
        + byKind.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / unit))
            .collect(Collectors.joining(", "));
  }
}
