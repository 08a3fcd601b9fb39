package io.stevedore.operator.environment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.EnvironmentStatus;
import io.stevedore.operator.kube.DeploymentRollout;
import io.stevedore.operator.status.ReadyState;
import io.stevedore.operator.status.StatusReporter;
import java.util.List;

/** Reconciles an Environment into its platform ConfigMap, ingest Deployment and Service. */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "config", type = PlatformConfigMapDependentResource.class),
      @Dependent(name = "ingest", type = IngestDeploymentDependentResource.class),
      @Dependent(name = "service", type = IngestServiceDependentResource.class)
    })
@ControllerConfiguration(name = "environment")
public class EnvironmentReconciler implements Reconciler<Environment> {
  private final StatusReporter status;

  public EnvironmentReconciler(StatusReporter status) {
    this.status = status;
  }

  @Override
  public UpdateControl<Environment> reconcile(
      Environment environment, Context<Environment> context) {
    List<String> problems = EnvironmentValidation.problems(environment);
    if (!problems.isEmpty()) {
      return status.report(
          environment, EnvironmentStatus::new, ReadyState.invalidSpec(problems), s -> {});
    }
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();

    var rollout = DeploymentRollout.of(context.getSecondaryResource(Deployment.class).orElse(null));
    String version = environment.getSpec().getRelease().getVersion();
    ReadyState state =
        rollout.complete()
            ? ReadyState.ready("Available", "release " + version + ": " + rollout.message())
            : ReadyState.progressing("RollingOut", "release " + version + ": " + rollout.message());
    return status.report(
        environment,
        EnvironmentStatus::new,
        state,
        s -> {
          s.setIngestUrl(IngestServiceDependentResource.url(environment));
          s.setIngestReadyReplicas(rollout.ready());
          if (rollout.complete()) {
            s.setRelease(version);
          }
        });
  }

  @Override
  public ErrorStatusUpdateControl<Environment> updateErrorStatus(
      Environment environment, Context<Environment> context, Exception error) {
    return status.reportError(environment, EnvironmentStatus::new, error);
  }
}
