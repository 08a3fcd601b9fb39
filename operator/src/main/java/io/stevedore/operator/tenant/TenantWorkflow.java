package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowBuilder;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Tenant's dependents and their order: the Secret, queues, table and MySQL registration side by
 * side, the declared configuration after the registration; the broker user after the Secret (it
 * needs the password); the tenant namespace where the Environment isolates tenants, then its
 * objects (the credentials copy also after the Secret).
 *
 * <p>Built with the explicit workflow API rather than {@code @Workflow}, so that the dependents get
 * their generators through constructors; errors stay in the result, one condition each.
 */
final class TenantWorkflow {
  private final TenantSecretDependentResource secret;
  private final List<IsolationDependentResource<?>> isolation;
  private final List<TenantDependent> dependents;
  private final Workflow<Tenant> workflow;

  /**
   * @param isolation whether this operator may give tenants namespaces of their own; without, no
   *     isolation informer runs (they need cluster-wide rights) and {@link IsolationNotAllowed}
   *     reports the condition
   */
  TenantWorkflow(TenantSecret.Generators generators, boolean isolation) {
    secret = new TenantSecretDependentResource(generators);
    var queues = new BrokerQueuesDependentResource();
    var brokerUser = new BrokerUserDependentResource();
    var table = new RecordTableDependentResource();
    var config = new TenantConfigDependentResource();
    var declaredConfig = new DeclaredConfigDependentResource(config);
    var wanted = new TenantDependent.Wanted();
    var builder =
        new WorkflowBuilder<Tenant>()
            .addDependentResource(secret)
            .addDependentResource(queues)
            .addDependentResourceAndConfigure(brokerUser)
            .dependsOn(secret)
            .withReconcilePrecondition(wanted)
            .addDependentResourceAndConfigure(table)
            .withReadyPostcondition(new TenantDependent.ConditionReady())
            .addDependentResource(config)
            .addDependentResourceAndConfigure(declaredConfig)
            .dependsOn(config);
    if (!isolation) {
      this.isolation = List.of();
      // The order of the status conditions; the first of a condition's dependents speaks for it.
      dependents =
          List.of(
              secret, queues, brokerUser, table, declaredConfig, config, new IsolationNotAllowed());
      workflow = builder.withThrowExceptionFurther(false).build();
      return;
    }
    var namespace = new IsolationNamespaceDependentResource();
    var secretCopy = new IsolationSecretDependentResource();
    var quota = new IsolationQuotaDependentResource();
    var networkPolicy = new IsolationNetworkPolicyDependentResource();
    this.isolation = List.of(namespace, secretCopy, quota, networkPolicy);
    dependents =
        List.of(
            secret,
            queues,
            brokerUser,
            table,
            declaredConfig,
            config,
            namespace,
            secretCopy,
            quota,
            networkPolicy);
    workflow =
        builder
            .addDependentResourceAndConfigure(namespace)
            .withReconcilePrecondition(wanted)
            .addDependentResourceAndConfigure(secretCopy)
            .dependsOn(namespace, secret)
            .addDependentResourceAndConfigure(quota)
            .dependsOn(namespace)
            .withReconcilePrecondition(wanted)
            .addDependentResourceAndConfigure(networkPolicy)
            .dependsOn(namespace)
            .withThrowExceptionFurther(false)
            .build();
  }

  Workflow<Tenant> workflow() {
    return workflow;
  }

  /** Every dependent, in the order of the conditions they report. */
  List<TenantDependent> dependents() {
    return dependents;
  }

  /** The informers of the Kubernetes dependents. */
  List<EventSource<?, Tenant>> eventSources(EventSourceContext<Tenant> context) {
    List<DependentResource<?, Tenant>> kubernetes = new ArrayList<>(isolation);
    kubernetes.add(0, secret);
    return EventSourceUtils.dependentEventSources(
        context, kubernetes.toArray(DependentResource[]::new));
  }
}
