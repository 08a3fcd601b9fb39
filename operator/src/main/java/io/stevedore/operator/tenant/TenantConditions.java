package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's provisioning conditions from its workflow's result: per condition, Ready when its
 * dependents are, on its way when one is not ready yet, failed with the first error, or waiting for
 * the Secret when the workflow could not reach a dependent.
 */
final class TenantConditions {
  private TenantConditions() {}

  /**
   * Whether steps did not run because this operator is stopping (its workflow executor refuses
   * work): no failure of the tenant's, so nothing to report; the next operator resumes.
   */
  static boolean interruptedByShutdown(WorkflowReconcileResult result) {
    return result.getErroredDependents().values().stream()
        .anyMatch(
            e ->
                e instanceof java.util.concurrent.RejectedExecutionException
                    || e.getCause() instanceof java.util.concurrent.RejectedExecutionException);
  }

  static List<ProvisioningCondition> of(
      List<TenantDependent> dependents, WorkflowReconcileResult result, TenantScope scope) {
    Map<String, List<TenantDependent>> byCondition = new LinkedHashMap<>();
    dependents.forEach(
        d -> byCondition.computeIfAbsent(d.condition(), c -> new ArrayList<>()).add(d));
    Map<DependentResource, Exception> errors = result.getErroredDependents();
    List<DependentResource> reconciled = result.getReconciledDependents();
    List<ProvisioningCondition> conditions = new ArrayList<>();
    for (List<TenantDependent> group : byCondition.values()) {
      conditions.add(condition(group, errors, reconciled, scope));
    }
    return conditions;
  }

  private static ProvisioningCondition condition(
      List<TenantDependent> group,
      Map<DependentResource, Exception> errors,
      List<DependentResource> reconciled,
      TenantScope scope) {
    TenantDependent lead = group.get(0);
    var without = lead.without(scope);
    if (without.isPresent()) {
      return without.get();
    }
    List<TenantDependent> wanted = group.stream().filter(d -> d.without(scope).isEmpty()).toList();
    for (TenantDependent d : wanted) {
      Exception error = errors.get((DependentResource) d);
      if (error != null) {
        return ProvisioningCondition.failed(d.condition(), error);
      }
    }
    for (TenantDependent d : wanted) {
      if (!reconciled.contains((DependentResource) d)) {
        return d.blocked(scope);
      }
    }
    return wanted.stream()
        .map(d -> d.reconciled(scope))
        .filter(c -> !c.ready())
        .findFirst()
        .orElseGet(() -> lead.reconciled(scope));
  }
}
