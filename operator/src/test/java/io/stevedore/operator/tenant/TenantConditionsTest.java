package io.stevedore.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.api.v1alpha1.TenantIsolationSpec;
import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.storage.RecordTables;
import io.stevedore.operator.testing.Fixtures;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions from a workflow's result: per dependent ready, on its way, errored or not reached. */
class TenantConditionsTest {
  private final TenantWorkflow workflow =
      new TenantWorkflow(new TenantSecret.Generators(() -> "stv_key", () -> "password"), true);
  private final Tenant tenant =
      Fixtures.tenant("team-a", "acme", "staging", "standard", "standard");
  private final Environment environment = Fixtures.environment("team-a", "staging");

  @Test
  void everyDependentReconciledIsEveryConditionReadyWithTheReasonsUsersKnow() {
    var conditions = conditions(scope(), Map.of(), all());

    assertThat(conditions)
        .extracting(ProvisioningCondition::type)
        .containsExactly(
            "SecretReady",
            "QueuesReady",
            "BrokerUserReady",
            "TableReady",
            "ConfigReady",
            "IsolationReady");
    assertThat(conditions).allMatch(ProvisioningCondition::ready);
    assertThat(reason(conditions, "IsolationReady")).isEqualTo("NotConfigured");
  }

  @Test
  void anErroredSecretFailsItsConditionAndLeavesWhatNeedsItWaitingWhileTheRestIsReady() {
    environment.getSpec().setTenantIsolation(new TenantIsolationSpec());
    environment.getSpec().getBroker().getRabbitmq().setManagementUrl("http://rabbit:15672");
    var secret = dependent(TenantSecretDependentResource.class);
    var reached =
        all().stream()
            .filter(d -> d != secret)
            .filter(
                d ->
                    !(d instanceof BrokerUserDependentResource)
                        && !(d instanceof IsolationSecretDependentResource))
            .toList();

    var conditions =
        conditions(
            scope(),
            Map.of(
                (DependentResource) secret,
                new io.fabric8.kubernetes.client.KubernetesClientException("409")),
            reached);

    assertThat(reason(conditions, "SecretReady")).isEqualTo("KubernetesApiError");
    assertThat(reason(conditions, "BrokerUserReady")).isEqualTo("SecretNotReady");
    assertThat(reason(conditions, "IsolationReady")).isEqualTo("SecretNotReady");
    assertThat(reason(conditions, "QueuesReady")).isEqualTo("Declared");
  }

  @Test
  void aBrokerOutageFailsQueuesWithItsReasonAndOnSqsThereIsNoBrokerUser() {
    environment.getSpec().getBroker().setType(BrokerType.SQS);
    var queues = dependent(BrokerQueuesDependentResource.class);

    var conditions =
        conditions(
            scope(),
            Map.of(
                (DependentResource) queues,
                new ServiceDependentResource.ServiceFailure(
                    new BrokerException(BrokerException.Failure.UNAVAILABLE, "unreachable"))),
            all().stream().filter(d -> d != queues).toList());

    assertThat(reason(conditions, "QueuesReady")).isEqualTo("BrokerUnavailable");
    assertThat(conditions.get(1).message()).isEqualTo("unreachable");
    assertThat(reason(conditions, "BrokerUserReady")).isEqualTo("NotConfigured");
  }

  @Test
  void aTableBeingCreatedIsOnItsWay() {
    var scope = scope();
    scope.state(
        dependent(RecordTableDependentResource.class),
        new RecordTables.Observed(RecordTables.State.CREATING, false));

    var conditions = conditions(scope, Map.of(), all());

    var table = conditions.get(3);
    assertThat(table.state()).isEqualTo(ProvisioningCondition.State.PENDING);
    assertThat(table.reason()).isEqualTo("Creating");
    assertThat(table.recheck()).isNotNull();
  }

  @Test
  void stepsRefusedByAStoppingOperatorAreNoFailureToReport() {
    var refused =
        new java.util.concurrent.RejectedExecutionException(
            "rejected from executor (Shutting down)");
    assertThat(TenantConditions.interruptedByShutdown(result(Map.of(secret(), refused), all())))
        .isTrue();
    assertThat(
            TenantConditions.interruptedByShutdown(
                result(Map.of(secret(), new RuntimeException(refused)), all())))
        .isTrue();
    assertThat(
            TenantConditions.interruptedByShutdown(
                result(
                    Map.of(
                        secret(),
                        new io.fabric8.kubernetes.client.KubernetesClientException("409")),
                    all())))
        .isFalse();
  }

  private DependentResource secret() {
    return (DependentResource) dependent(TenantSecretDependentResource.class);
  }

  private TenantScope scope() {
    var scope = new TenantScope(tenant, environment, null, Instant.EPOCH);
    var names = TenantNames.of(tenant, environment);
    scope.secret(
        TenantSecret.desired(
            tenant,
            names,
            new TenantSecret.BrokerLogin("amqp://rabbit", "/"),
            java.util.Optional.empty(),
            Instant.EPOCH,
            new TenantSecret.Generators(() -> "stv_key", () -> "password")));
    return scope;
  }

  private List<ProvisioningCondition> conditions(
      TenantScope scope, Map<DependentResource, Exception> errors, List<TenantDependent> reached) {
    return TenantConditions.of(workflow.dependents(), result(errors, reached), scope);
  }

  private static WorkflowReconcileResult result(
      Map<DependentResource, Exception> errors, List<TenantDependent> reached) {
    return new WorkflowReconcileResult() {
      @Override
      public Map<DependentResource, Exception> getErroredDependents() {
        return new HashMap<>(errors);
      }

      @Override
      public List<DependentResource> getReconciledDependents() {
        return reached.stream().map(d -> (DependentResource) d).toList();
      }
    };
  }

  private List<TenantDependent> all() {
    return workflow.dependents();
  }

  private TenantDependent dependent(Class<?> type) {
    return all().stream().filter(type::isInstance).findFirst().orElseThrow();
  }

  private static String reason(List<ProvisioningCondition> conditions, String type) {
    return conditions.stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElseThrow()
        .reason();
  }
}
