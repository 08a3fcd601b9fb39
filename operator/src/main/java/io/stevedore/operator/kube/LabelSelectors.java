package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kubernetes label-selector semantics (matchLabels and matchExpressions) as pure functions. */
public final class LabelSelectors {
  private LabelSelectors() {}

  /**
   * Whether {@code selector} selects an object with {@code labels}; an empty selector selects all.
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (var entry : selector.getMatchLabels().entrySet()) {
        if (!entry.getValue().equals(actual.get(entry.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!matches(requirement, actual)) {
          return false;
        }
      }
    }
    return true;
  }

  /** What is wrong with a selector, in words a user can act on; empty when it is valid. */
  public static List<String> problems(String field, LabelSelector selector) {
    List<String> problems = new ArrayList<>();
    if (selector == null || selector.getMatchExpressions() == null) {
      return problems;
    }
    for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
      if (requirement.getKey() == null || requirement.getKey().isBlank()) {
        problems.add(field + ": every matchExpressions entry needs a key");
      }
      String operator = requirement.getOperator();
      List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
      switch (operator == null ? "" : operator) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            problems.add(field + ": operator " + operator + " needs at least one value");
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            problems.add(field + ": operator " + operator + " takes no values");
          }
        }
        default ->
            problems.add(
                field
                    + ": unknown operator '"
                    + operator
                    + "' (use In, NotIn, Exists or DoesNotExist)");
      }
    }
    return problems;
  }

  /** An expression without key or operator selects nothing (validation reports it). */
  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    if (requirement.getKey() == null || requirement.getOperator() == null) {
      return false;
    }
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(requirement.getKey());
      case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
      default -> false;
    };
  }
}
