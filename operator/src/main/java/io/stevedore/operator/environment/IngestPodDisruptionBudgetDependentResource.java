package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.kube.OwnedDependentResource;
import io.stevedore.operator.kube.PodDisruptionBudgets;
import io.stevedore.operator.platform.PlatformNames;

/** The PodDisruptionBudget of the ingest pods: a drain takes at most one of them at a time. */
public class IngestPodDisruptionBudgetDependentResource
    extends OwnedDependentResource<PodDisruptionBudget, Environment> {

  public IngestPodDisruptionBudgetDependentResource() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(Environment environment, Context<Environment> context) {
    return desired(environment);
  }

  static PodDisruptionBudget desired(Environment environment) {
    String env = environment.getMetadata().getName();
    String name = PlatformNames.ingest(env);
    String role = IngestDeploymentDependentResource.ROLE;
    return PodDisruptionBudgets.of(
        name,
        environment.getMetadata().getNamespace(),
        Labels.of(role, name, env),
        Labels.selector(role, name),
        new IntOrString(1));
  }
}
