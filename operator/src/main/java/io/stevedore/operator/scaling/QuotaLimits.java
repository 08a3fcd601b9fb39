package io.stevedore.operator.scaling;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many more pods of a template the namespace's ResourceQuotas admit: for every quota and every
 * resource it limits (pods, count/pods, requests.*, limits.*, and bare cpu/memory as requests),
 * (hard − used) ÷ what one pod takes. Quotas whose scopes do not cover the pod, and resources the
 * pod does not use, do not limit it.
 */
public final class QuotaLimits {
  private QuotaLimits() {}

  /** The fewest pods any quota admits, or empty when no quota limits these pods. */
  public static Optional<QuotaHeadroom> headroom(List<ResourceQuota> quotas, PodSpec pod) {
    QuotaHeadroom tightest = null;
    for (ResourceQuota quota : quotas) {
      var spec = quota.getSpec();
      if (spec == null || spec.getHard() == null || !QuotaScopes.cover(spec, pod)) {
        continue;
      }
      Map<String, Quantity> used =
          quota.getStatus() == null || quota.getStatus().getUsed() == null
              ? Map.of()
              : quota.getStatus().getUsed();
      for (var hard : spec.getHard().entrySet()) {
        BigDecimal perPod = perPod(hard.getKey(), pod);
        if (perPod.signum() <= 0) {
          continue;
        }
        BigDecimal left =
            hard.getValue()
                .getNumericalAmount()
                .subtract(
                    used.containsKey(hard.getKey())
                        ? used.get(hard.getKey()).getNumericalAmount()
                        : BigDecimal.ZERO);
        int pods = left.signum() <= 0 ? 0 : left.divide(perPod, 0, RoundingMode.FLOOR).intValue();
        if (tightest == null || pods < tightest.pods()) {
          tightest = new QuotaHeadroom(pods, quota.getMetadata().getName(), hard.getKey());
        }
      }
    }
    return Optional.ofNullable(tightest);
  }

  /** What one pod takes of a quota resource; zero when it does not count against it. */
  static BigDecimal perPod(String resource, PodSpec pod) {
    if (resource.equals("pods") || resource.equals("count/pods")) {
      return BigDecimal.ONE;
    }
    boolean limits = resource.startsWith("limits.");
    String name =
        limits
            ? resource.substring("limits.".length())
            : resource.startsWith("requests.")
                ? resource.substring("requests.".length())
                : resource;
    if (!limits
        && !name.equals("cpu")
        && !name.equals("memory")
        && !resource.startsWith("requests.")) {
      return BigDecimal.ZERO;
    }
    BigDecimal total = BigDecimal.ZERO;
    for (Container container : pod.getContainers()) {
      var resources = container.getResources();
      if (resources == null) {
        continue;
      }
      Quantity request = resources.getRequests() == null ? null : resources.getRequests().get(name);
      Quantity limit = resources.getLimits() == null ? null : resources.getLimits().get(name);
      // A container without a request gets its limit as the request.
      Quantity counted = limits ? limit : request != null ? request : limit;
      if (counted != null) {
        total = total.add(counted.getNumericalAmount());
      }
    }
    return total;
  }
}
