package io.stevedore.operator.scaling;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Whether a ResourceQuota's scopes cover a pod, as the API server's quota admission decides: the
 * pod must match every scope in {@code scopes} and every expression of {@code scopeSelector}.
 */
final class QuotaScopes {
  private QuotaScopes() {}

  static boolean cover(ResourceQuotaSpec quota, PodSpec pod) {
    var requirements = new ArrayList<ScopedResourceSelectorRequirement>();
    if (quota.getScopes() != null) {
      quota.getScopes().forEach(s -> requirements.add(exists(s)));
    }
    if (quota.getScopeSelector() != null
        && quota.getScopeSelector().getMatchExpressions() != null) {
      requirements.addAll(quota.getScopeSelector().getMatchExpressions());
    }
    return requirements.stream().allMatch(r -> matches(r, pod));
  }

  private static boolean matches(ScopedResourceSelectorRequirement requirement, PodSpec pod) {
    return switch (requirement.getScopeName()) {
      case "Terminating" -> terminating(pod);
      case "NotTerminating" -> !terminating(pod);
      case "BestEffort" -> bestEffort(pod);
      case "NotBestEffort" -> !bestEffort(pod);
      case "PriorityClass" -> priorityClass(requirement, pod);
      case "CrossNamespacePodAffinity" -> crossNamespaceAffinity(pod);
      // VolumeAttributesClass and scopes unknown here track no pods.
      default -> false;
    };
  }

  private static boolean terminating(PodSpec pod) {
    return pod.getActiveDeadlineSeconds() != null && pod.getActiveDeadlineSeconds() >= 0;
  }

  /** The BestEffort QoS class: no container asks for or limits CPU or memory. */
  private static boolean bestEffort(PodSpec pod) {
    return Stream.concat(
            pod.getContainers().stream(),
            pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream())
        .map(Container::getResources)
        .filter(Objects::nonNull)
        .flatMap(
            r ->
                Stream.of(r.getRequests(), r.getLimits())
                    .filter(Objects::nonNull)
                    .flatMap(m -> m.keySet().stream()))
        .noneMatch(name -> name.equals("cpu") || name.equals("memory"));
  }

  /**
   * The API server matches the pod's class name as the value of one label that is always present
   * (empty without a class): so DoesNotExist never matches, and NotIn matches a pod without one.
   */
  private static boolean priorityClass(ScopedResourceSelectorRequirement requirement, PodSpec pod) {
    String name = pod.getPriorityClassName() == null ? "" : pod.getPriorityClassName();
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "Exists" -> !name.isEmpty();
      case "DoesNotExist" -> false;
      case "In" -> values.contains(name);
      case "NotIn" -> !values.contains(name);
      default -> false;
    };
  }

  private static boolean crossNamespaceAffinity(PodSpec pod) {
    Affinity affinity = pod.getAffinity();
    if (affinity == null) {
      return false;
    }
    var terms = new ArrayList<PodAffinityTerm>();
    if (affinity.getPodAffinity() != null) {
      terms.addAll(
          nullSafe(affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()));
      nullSafe(affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
          .stream()
          .map(WeightedPodAffinityTerm::getPodAffinityTerm)
          .forEach(terms::add);
    }
    if (affinity.getPodAntiAffinity() != null) {
      terms.addAll(
          nullSafe(
              affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()));
      nullSafe(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
          .stream()
          .map(WeightedPodAffinityTerm::getPodAffinityTerm)
          .forEach(terms::add);
    }
    return terms.stream()
        .filter(Objects::nonNull)
        .anyMatch(
            t ->
                t.getNamespaceSelector() != null
                    || (t.getNamespaces() != null && !t.getNamespaces().isEmpty()));
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static ScopedResourceSelectorRequirement exists(String scope) {
    return new ScopedResourceSelectorRequirement("Exists", scope, List.of());
  }
}
