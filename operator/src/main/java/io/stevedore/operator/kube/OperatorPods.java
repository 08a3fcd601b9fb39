package io.stevedore.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the operator's own pods run and how they are labelled (the chart tells it), so that the
 * platform pods' NetworkPolicies can let exactly them reach the actuator port.
 *
 * @param namespace the operator's namespace
 * @param labels labels every operator pod carries
 */
public record OperatorPods(String namespace, Map<String, String> labels) {
  private static final String KEY = OperatorPods.class.getName();

  public OperatorPods {
    if (labels.isEmpty()) {
      // An empty pod selector would let every pod of the namespace in.
      throw new IllegalArgumentException("the operator's pod labels must not be empty");
    }
    labels = Map.copyOf(labels);
  }

  /** Parses {@code k1=v1,k2=v2}, the form of STEVEDORE_OPERATOR_POD_LABELS. */
  public static Map<String, String> parseLabels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    Arrays.stream(text.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(
            pair -> {
              int eq = pair.indexOf('=');
              if (eq <= 0) {
                throw new IllegalArgumentException("not a label key=value: '" + pair + "'");
              }
              labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            });
    return labels;
  }

  /** Hands these to the dependents of {@code context}'s reconciliation. */
  public <P extends HasMetadata> void attach(Context<P> context) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, this);
  }

  /** What the reconciler attached to {@code context}. */
  public static <P extends HasMetadata> OperatorPods of(Context<P> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(KEY, OperatorPods.class);
  }
}
