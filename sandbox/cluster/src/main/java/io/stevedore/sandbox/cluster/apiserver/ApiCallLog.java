package io.stevedore.sandbox.cluster.apiserver;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The distinct {@link ApiCall}s the embedded API served, by the client's User-Agent: what a test
 * compares with the RBAC a client would hold on a real cluster.
 */
public final class ApiCallLog {
  private final Map<String, Set<ApiCall>> byUserAgent = new ConcurrentHashMap<>();

  void record(ApiRequest request) {
    ApiCall.of(request)
        .ifPresent(
            call ->
                byUserAgent
                    .computeIfAbsent(
                        request.header("User-Agent"), agent -> ConcurrentHashMap.newKeySet())
                    .add(call));
  }

  /** The calls served so far to clients sending {@code userAgent}. */
  public Set<ApiCall> servedTo(String userAgent) {
    return Set.copyOf(byUserAgent.getOrDefault(userAgent, Set.of()));
  }
}
