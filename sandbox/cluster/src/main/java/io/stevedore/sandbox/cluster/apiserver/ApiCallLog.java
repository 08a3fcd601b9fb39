package io.stevedore.sandbox.cluster.apiserver;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The distinct {@link ApiCall}s the embedded API served, by the client's User-Agent: what a test
 * compares with the RBAC a client would hold on a real cluster.
 */
public final class ApiCallLog {
  private final Map<String, Map<ApiCall, LongAdder>> byUserAgent = new ConcurrentHashMap<>();

  void record(ApiRequest request) {
    ApiCall.of(request)
        .ifPresent(
            call ->
                byUserAgent
                    .computeIfAbsent(
                        request.header("User-Agent"), agent -> new ConcurrentHashMap<>())
                    .computeIfAbsent(call, c -> new LongAdder())
                    .increment());
  }

  /** The calls served so far to clients sending {@code userAgent}. */
  public Set<ApiCall> servedTo(String userAgent) {
    return Set.copyOf(byUserAgent.getOrDefault(userAgent, Map.of()).keySet());
  }

  /**
   * How many times each call was served to clients sending {@code userAgent} (a benchmark's cost).
   */
  public Map<ApiCall, Long> countsFor(String userAgent) {
    Map<ApiCall, Long> counts = new java.util.HashMap<>();
    byUserAgent.getOrDefault(userAgent, Map.of()).forEach((call, n) -> counts.put(call, n.sum()));
    return counts;
  }
}
