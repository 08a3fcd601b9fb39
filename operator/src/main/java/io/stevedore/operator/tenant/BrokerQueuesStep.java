package io.stevedore.operator.tenant;

import io.stevedore.operator.broker.BrokerException;
import io.stevedore.operator.platform.CredentialsNotFoundException;
import java.util.List;

/** The tenant's queues: main, dead-letter and (RabbitMQ) retry delay queues; `QueuesReady`. */
final class BrokerQueuesStep implements ProvisioningStep {
  static final String CONDITION = "QueuesReady";

  @Override
  public String condition() {
    return CONDITION;
  }

  @Override
  public StepOutcome ensure(TenantWork work) {
    var queues = work.names.queues();
    try {
      List<String> created;
      if (work.provisionedBefore()) {
        created = work.broker().ensureQueues(queues);
      } else {
        work.broker().declareQueues(queues);
        created = List.of();
      }
      String where = work.onRabbit() ? "RabbitMQ vhost " + work.rabbit().vhost() : "SQS";
      String which =
          work.onRabbit()
              ? queues.main()
                  + ", its dead-letter queue and "
                  + queues.retries().size()
                  + " retry delay queues"
              : queues.main() + " and its dead-letter queue (redrive policy)";
      return StepOutcome.ready(CONDITION, "Declared", which + " exist on " + where)
          .withCreated(created.stream().map(q -> "queue " + q).toList());
    } catch (BrokerException | CredentialsNotFoundException e) {
      return StepFailures.outcome(CONDITION, e);
    }
  }

  @Override
  public void remove(TenantWork work) throws Exception {
    work.broker().deleteQueues(work.names.queues());
  }
}
