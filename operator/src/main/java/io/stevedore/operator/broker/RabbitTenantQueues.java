package io.stevedore.operator.broker;

import com.rabbitmq.client.AMQP;
import io.stevedore.contract.TenantQueues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tenant's queues on RabbitMQ: main and dead-letter queue and the retry delay queues, durable, in
 * the Environment's vhost, with the contract's arguments.
 */
public final class RabbitTenantQueues implements TenantQueueBroker {
  private record Declaration(String name, Map<String, Object> arguments) {}

  private final RabbitConnections rabbit;
  private final RabbitManagement management;
  private final RabbitEndpoint endpoint;

  public RabbitTenantQueues(
      RabbitConnections rabbit, RabbitManagement management, RabbitEndpoint endpoint) {
    this.rabbit = rabbit;
    this.management = management;
    this.endpoint = endpoint;
  }

  @Override
  public List<String> missingQueues(TenantQueues queues) throws BrokerException {
    List<Declaration> declarations = declarations(queues);
    // The common case, every queue present, costs one channel.
    try {
      rabbit.withChannel(
          endpoint,
          channel -> {
            for (Declaration d : declarations) {
              channel.queueDeclarePassive(d.name());
            }
            return null;
          });
      return List.of();
    } catch (BrokerException e) {
      if (e.failure() != BrokerException.Failure.NOT_FOUND) {
        throw e;
      }
    }
    List<String> missing = new ArrayList<>();
    for (Declaration d : declarations) {
      if (inspect(d.name()) == null) {
        missing.add(d.name());
      }
    }
    return missing;
  }

  @Override
  public List<String> ensureQueues(TenantQueues queues) throws BrokerException {
    List<String> missing = missingQueues(queues);
    declare(declarations(queues).stream().filter(d -> missing.contains(d.name())).toList());
    return missing;
  }

  private void declare(List<Declaration> declarations) throws BrokerException {
    rabbit.withChannel(
        endpoint,
        channel -> {
          for (Declaration d : declarations) {
            channel.queueDeclare(d.name(), true, false, false, d.arguments());
          }
          return null;
        });
  }

  @Override
  public void declareQueues(TenantQueues queues) throws BrokerException {
    declare(declarations(queues));
  }

  @Override
  public QueueBacklog backlog(TenantQueues queues) throws BrokerException {
    AMQP.Queue.DeclareOk main = inspect(queues.main());
    long retrying = 0;
    for (String retry : queues.retries()) {
      AMQP.Queue.DeclareOk ok = inspect(retry);
      retrying += ok == null ? 0 : ok.getMessageCount();
    }
    AMQP.Queue.DeclareOk deadLetter = inspect(queues.deadLetter());
    long inFlight = -1;
    if (main == null) {
      inFlight = 0;
    } else if (endpoint.hasManagement()) {
      inFlight =
          management
              .queue(endpoint, queues.main())
              .map(RabbitManagement.QueueStats::unacknowledged)
              .orElse(0L);
    }
    return new QueueBacklog(
        main == null ? 0 : main.getMessageCount(),
        retrying,
        inFlight,
        deadLetter == null ? 0 : deadLetter.getMessageCount(),
        main == null ? 0 : main.getConsumerCount());
  }

  @Override
  public void deleteQueues(TenantQueues queues) throws BrokerException {
    rabbit.withChannel(
        endpoint,
        channel -> {
          // RabbitMQ answers delete-ok for a queue that does not exist.
          for (Declaration d : declarations(queues)) {
            channel.queueDelete(d.name());
          }
          return null;
        });
  }

  /** The queue's exact counts, or null when it does not exist. */
  private AMQP.Queue.DeclareOk inspect(String queue) throws BrokerException {
    try {
      return rabbit.inspect(endpoint, queue);
    } catch (BrokerException e) {
      if (e.failure() == BrokerException.Failure.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private static List<Declaration> declarations(TenantQueues queues) {
    List<Declaration> declarations = new ArrayList<>();
    declarations.add(new Declaration(queues.main(), TenantQueues.mainArguments()));
    declarations.add(new Declaration(queues.deadLetter(), TenantQueues.mainArguments()));
    for (int i = 0; i < queues.retries().size(); i++) {
      declarations.add(new Declaration(queues.retries().get(i), queues.retryArguments(i)));
    }
    return declarations;
  }
}
