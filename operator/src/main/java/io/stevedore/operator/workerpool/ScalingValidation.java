package io.stevedore.operator.workerpool;

import io.stevedore.operator.api.v1alpha1.ScalingFallback;
import io.stevedore.operator.api.v1alpha1.ScalingRules;
import io.stevedore.operator.api.v1alpha1.ScalingSpec;
import java.util.ArrayList;
import java.util.List;

/** What the schema cannot check about `spec.scaling` (or what a cluster without CEL lets in). */
final class ScalingValidation {
  private ScalingValidation() {}

  static List<String> problems(ScalingSpec scaling) {
    List<String> problems = new ArrayList<>();
    if (scaling == null) {
      return problems;
    }
    int min = scaling.getMinReplicas() == null ? 1 : scaling.getMinReplicas();
    int max = scaling.getMaxReplicas() == null ? 10 : scaling.getMaxReplicas();
    if (min > max) {
      problems.add(
          "spec.scaling: minReplicas (" + min + ") must not exceed maxReplicas (" + max + ")");
    }
    if (scaling.getIdleReplicas() != null && scaling.getIdleReplicas() > min) {
      problems.add(
          "spec.scaling.idleReplicas ("
              + scaling.getIdleReplicas()
              + ") must not exceed minReplicas ("
              + min
              + ")");
    }
    ScalingFallback fallback = scaling.getFallback();
    if (fallback != null && fallback.getBehavior() == ScalingFallback.Behavior.FixedReplicas) {
      if (fallback.getReplicas() == null) {
        problems.add("spec.scaling.fallback.replicas: required when the behavior is FixedReplicas");
      } else if (fallback.getReplicas() > max) {
        problems.add(
            "spec.scaling.fallback.replicas ("
                + fallback.getReplicas()
                + ") must not exceed maxReplicas ("
                + max
                + ")");
      }
    }
    if (scaling.getBehavior() != null) {
      problems.addAll(rules("spec.scaling.behavior.scaleUp", scaling.getBehavior().getScaleUp()));
      problems.addAll(
          rules("spec.scaling.behavior.scaleDown", scaling.getBehavior().getScaleDown()));
    }
    return problems;
  }

  private static List<String> rules(String path, ScalingRules rules) {
    List<String> problems = new ArrayList<>();
    if (rules == null || rules.getPolicies() == null) {
      return problems;
    }
    for (int i = 0; i < rules.getPolicies().size(); i++) {
      var policy = rules.getPolicies().get(i);
      String at = path + ".policies[" + i + "]";
      if (policy.getType() == null
          || policy.getValue() == null
          || policy.getPeriodSeconds() == null) {
        problems.add(at + ": type, value and periodSeconds are required");
      } else if (policy.getValue() < 1 || policy.getPeriodSeconds() < 1) {
        problems.add(at + ": value and periodSeconds must be at least 1");
      }
    }
    return problems;
  }
}
