package io.stevedore.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.api.v1alpha1.Tenant;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's queues on RabbitMQ (main, dead-letter, retry delay queues) or SQS (main with a
 * redrive policy, dead-letter); `QueuesReady`. Queues missing from a provisioned tenant are made
 * again (drift).
 */
class BrokerQueuesDependentResource
    extends ServiceDependentResource<BrokerQueuesDependentResource.QueueSet>
    implements Updater<BrokerQueuesDependentResource.QueueSet, Tenant> {
  static final String CONDITION = "QueuesReady";

  /** The tenant's queues, those of them that do not exist, and how the others are declared. */
  record QueueSet(TenantQueues queues, List<String> missing, String declaredAs) {}

  BrokerQueuesDependentResource() {
    super(QueueSet.class);
  }

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  protected QueueSet desired(Tenant tenant, Context<Tenant> context) {
    return new QueueSet(TenantScope.of(context).names.queues(), List.of(), null);
  }

  @Override
  protected Optional<QueueSet> observe(TenantScope scope) throws Exception {
    if (!scope.queuesProvisionedBefore()) {
      return Optional.empty();
    }
    var queues = scope.names.queues();
    var survey = scope.broker().survey(queues);
    return Optional.of(new QueueSet(queues, survey.missing(), survey.declaredAs()));
  }

  @Override
  public Matcher.Result<QueueSet> match(QueueSet actual, Tenant tenant, Context<Tenant> context) {
    return Matcher.Result.nonComputed(actual.missing().isEmpty());
  }

  @Override
  public QueueSet create(QueueSet desired, Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    var declared = call(() -> scope.broker().declareQueues(desired.queues()));
    scope.created(CONDITION, names(declared.missing()));
    return new QueueSet(desired.queues(), List.of(), declared.declaredAs());
  }

  @Override
  public QueueSet update(
      QueueSet actual, QueueSet desired, Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    var ensured = call(() -> scope.broker().ensureQueues(desired.queues()));
    scope.created(CONDITION, names(ensured.missing()));
    return new QueueSet(desired.queues(), List.of(), ensured.declaredAs());
  }

  @Override
  protected void remove(TenantScope scope) throws Exception {
    scope.broker().deleteQueues(scope.names.queues(), scope.deletesNonEmptyQueues());
  }

  @Override
  public ProvisioningCondition reconciled(TenantScope scope) {
    var queues = scope.names.queues();
    String where = scope.onRabbit() ? "RabbitMQ vhost " + scope.vhost() : "SQS";
    String which =
        scope.onRabbit()
            ? queues.main()
                + ", its dead-letter queue and "
                + queues.retries().size()
                + " retry delay queues"
            : queues.main() + " and its dead-letter queue (redrive policy)";
    String as = state(scope).map(QueueSet::declaredAs).map(d -> ", as " + d).orElse("");
    return ProvisioningCondition.ready(CONDITION, "Declared", which + " exist on " + where + as);
  }

  private static List<String> names(List<String> queues) {
    return queues.stream().map(q -> "queue " + q).toList();
  }
}
