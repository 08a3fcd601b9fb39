package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** Checks on container resources that a CRD schema cannot express. */
public final class ResourceLimits {
  private ResourceLimits() {}

  /** A request above its limit is refused by the API server when the pod is created: say so now. */
  public static List<String> problems(String field, ResourceRequirements resources) {
    List<String> problems = new ArrayList<>();
    if (resources == null || resources.getRequests() == null || resources.getLimits() == null) {
      return problems;
    }
    resources
        .getRequests()
        .forEach(
            (name, request) -> {
              Quantity limit = resources.getLimits().get(name);
              if (limit != null
                  && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                problems.add(
                    field + ": request " + name + "=" + request + " exceeds its limit " + limit);
              }
            });
    return problems;
  }
}
