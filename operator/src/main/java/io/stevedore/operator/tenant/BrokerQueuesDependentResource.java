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

  /** The tenant's queues, and those of them that do not exist. */
  record QueueSet(TenantQueues queues, List<String> missing) {}

  BrokerQueuesDependentResource() {
    super(QueueSet.class);
  }

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  protected QueueSet desired(Tenant tenant, Context<Tenant> context) {
    return new QueueSet(TenantScope.of(context).names.queues(), List.of());
  }

  @Override
  protected Optional<QueueSet> observe(TenantScope scope) throws Exception {
    if (!scope.queuesProvisionedBefore()) {
      return Optional.empty();
    }
    var queues = scope.names.queues();
    return Optional.of(new QueueSet(queues, scope.broker().missingQueues(queues)));
  }

  @Override
  public Matcher.Result<QueueSet> match(QueueSet actual, Tenant tenant, Context<Tenant> context) {
    return Matcher.Result.nonComputed(actual.missing().isEmpty());
  }

  @Override
  public QueueSet create(QueueSet desired, Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    call(
        () -> {
          scope.broker().declareQueues(desired.queues());
          return null;
        });
    scope.created(CONDITION, names(allOf(desired.queues())));
    return desired;
  }

  @Override
  public QueueSet update(
      QueueSet actual, QueueSet desired, Tenant tenant, Context<Tenant> context) {
    TenantScope scope = TenantScope.of(context);
    List<String> created = call(() -> scope.broker().ensureQueues(desired.queues()));
    scope.created(CONDITION, names(created));
    return desired;
  }

  @Override
  protected void remove(TenantScope scope) throws Exception {
    scope.broker().deleteQueues(scope.names.queues());
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
    return ProvisioningCondition.ready(CONDITION, "Declared", which + " exist on " + where);
  }

  private static List<String> allOf(TenantQueues queues) {
    var all = new java.util.ArrayList<String>();
    all.add(queues.main());
    all.add(queues.deadLetter());
    all.addAll(queues.retries());
    return all;
  }

  private static List<String> names(List<String> queues) {
    return queues.stream().map(q -> "queue " + q).toList();
  }
}
