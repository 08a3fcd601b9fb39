package io.stevedore.operator.broker;

import com.rabbitmq.client.AMQP;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.RabbitQueueSettings.Declaration;
import io.stevedore.contract.RabbitQueueSettings.QueueType;
import io.stevedore.contract.TenantQueues;
import io.stevedore.operator.platform.ResourceOwner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's queues on RabbitMQ: main and dead-letter queue and the retry delay queues, durable, in
 * the Environment's vhost, declared as its settings say (quorum by default). A queue that already
 * exists is never re-declared otherwise: RabbitMQ would refuse, and a queue's type cannot change.
 *
 * <p>Each queue records its Tenant in argument {@link #OWNER_ARGUMENT} (RabbitMQ keeps unknown
 * arguments and leaves them out of its equivalence check, so the runtime's declarations still
 * match); a queue of the tenant's name that records another owner, or none while the tenant never
 * had queues, is never declared over, counted, or deleted. Reading the argument needs the
 * management API: without one, a queue that exists is the tenant's only if it had queues before.
 */
public final class RabbitTenantQueues implements TenantQueueBroker {
  /** The queue argument that records the UID of the Tenant a queue was declared for. */
  public static final String OWNER_ARGUMENT = "x-stevedore-tenant-uid";

  private static final Logger log = LoggerFactory.getLogger(RabbitTenantQueues.class);

  private final RabbitConnections rabbit;
  private final RabbitManagement management;
  private final RabbitEndpoint endpoint;
  private final RabbitQueueSettings settings;
  private final ResourceOwner owner;

  public RabbitTenantQueues(
      RabbitConnections rabbit,
      RabbitManagement management,
      RabbitEndpoint endpoint,
      RabbitQueueSettings settings,
      ResourceOwner owner) {
    this.rabbit = rabbit;
    this.management = management;
    this.endpoint = endpoint;
    this.settings = settings;
    this.owner = owner;
  }

  /** How a queue that exists matches the Environment's declaration of it. */
  enum Fit {
    /** Declared as the Environment asks now. */
    AS_DECLARED,
    /** Declared with the other queue type's arguments (made before a switch): kept. */
    OTHER_TYPE,
    /** Declared otherwise (e.g. an earlier delivery limit): kept as it is. */
    OTHER_ARGUMENTS
  }

  @Override
  public QueueSurvey survey(TenantQueues queues) throws BrokerException {
    List<String> missing = missing(queues);
    List<Declaration> existing =
        settings.declarations(queues).stream().filter(d -> !missing.contains(d.queue())).toList();
    // Declaring an existing queue as it is changes nothing: that is how its arguments are told.
    return new QueueSurvey(missing, describe(declare(existing, queues)));
  }

  @Override
  public QueueSurvey ensureQueues(TenantQueues queues) throws BrokerException {
    List<String> missing = missing(queues);
    requireOwned(existing(queues, missing));
    return new QueueSurvey(missing, describe(declare(settings.declarations(queues), queues)));
  }

  @Override
  public QueueSurvey declareQueues(TenantQueues queues) throws BrokerException {
    List<Declaration> all = settings.declarations(queues);
    if (!endpoint.hasManagement()) {
      // No owner can be read: any queue that exists already is someone else's.
      List<String> missing = missing(queues);
      requireOwned(existing(queues, missing));
    }
    var survey =
        new QueueSurvey(
            all.stream().map(Declaration::queue).toList(), describe(declare(all, queues)));
    if (endpoint.hasManagement()) {
      // Declaring changes nothing on a queue that existed; its owner argument tells whose it is.
      requireOwned(existing(queues, List.of()));
    }
    return survey;
  }

  @Override
  public QueueBacklog backlog(TenantQueues queues) throws BrokerException {
    // What is not the tenant's holds nothing of its.
    AMQP.Queue.DeclareOk main = inspectOwned(queues.main());
    long retrying = 0;
    for (String retry : queues.retries()) {
      AMQP.Queue.DeclareOk ok = inspectOwned(retry);
      retrying += ok == null ? 0 : ok.getMessageCount();
    }
    AMQP.Queue.DeclareOk deadLetter = inspectOwned(queues.deadLetter());
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
  public void deleteQueues(TenantQueues queues, boolean evenIfNotEmpty) throws BrokerException {
    var deletion = new RabbitQueueDeletion(rabbit, management, endpoint);
    for (Declaration d : settings.declarations(queues)) {
      if (inspect(d.queue()) != null && !owns(d.queue())) {
        log.warn("kept RabbitMQ queue {}: it is not this Tenant's", d.queue());
      } else if (evenIfNotEmpty) {
        deletion.deleteWithMessages(d.queue());
      } else if (inspect(d.queue()) != null) {
        // Only ingest publishes, and only into the main queue; the others fill from workers.
        deletion.deleteIfEmpty(d.queue(), type(d, queues), d.queue().equals(queues.main()));
      }
    }
  }

  /** The tenant's queues but {@code missing}. */
  private List<String> existing(TenantQueues queues, List<String> missing) {
    return settings.declarations(queues).stream()
        .map(Declaration::queue)
        .filter(q -> !missing.contains(q))
        .toList();
  }

  /** Fails with `NameConflict` unless each of {@code existing} is the tenant's. */
  private void requireOwned(List<String> existing) throws BrokerException {
    for (String queue : existing) {
      owner.require("RabbitMQ queue " + queue, recordedOwner(queue));
    }
  }

  private boolean owns(String queue) throws BrokerException {
    return owner.owns(recordedOwner(queue));
  }

  /** The owner the queue records; none without a management API to read it. */
  private Optional<String> recordedOwner(String queue) throws BrokerException {
    if (!endpoint.hasManagement()) {
      return Optional.empty();
    }
    return management
        .queueArguments(endpoint, queue)
        .map(arguments -> arguments.path(OWNER_ARGUMENT))
        .filter(value -> !value.isMissingNode() && !value.isNull())
        .map(value -> value.asText());
  }

  /** As {@link #inspect}, and null for a queue that is not the tenant's. */
  private AMQP.Queue.DeclareOk inspectOwned(String queue) throws BrokerException {
    AMQP.Queue.DeclareOk ok = inspect(queue);
    return ok == null || owns(queue) ? ok : null;
  }

  /** The tenant's queues that do not exist. */
  private List<String> missing(TenantQueues queues) throws BrokerException {
    List<Declaration> declarations = settings.declarations(queues);
    // The common case, every queue present, costs one channel.
    try {
      rabbit.withChannel(
          endpoint,
          channel -> {
            for (Declaration d : declarations) {
              channel.queueDeclarePassive(d.queue());
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
      if (inspect(d.queue()) == null) {
        missing.add(d.queue());
      }
    }
    return missing;
  }

  /**
   * Declares {@code declarations}; a queue that exists otherwise is kept. Returns how each queue
   * fits, by name. The common case, all as declared, costs one channel.
   */
  private Map<String, Fit> declare(List<Declaration> declarations, TenantQueues queues)
      throws BrokerException {
    try {
      rabbit.withChannel(
          endpoint,
          channel -> {
            for (Declaration d : declarations) {
              channel.queueDeclare(d.queue(), true, false, false, owned(d.arguments()));
            }
            return null;
          });
      Map<String, Fit> fits = new LinkedHashMap<>();
      declarations.forEach(d -> fits.put(d.queue(), Fit.AS_DECLARED));
      return fits;
    } catch (BrokerException e) {
      if (e.failure() != BrokerException.Failure.REJECTED) {
        throw e;
      }
    }
    Map<String, Fit> fits = new LinkedHashMap<>();
    for (Declaration d : declarations) {
      fits.put(d.queue(), fit(d, queues));
    }
    return fits;
  }

  /** Declares one queue as the Environment asks, or tells how the queue that exists differs. */
  private Fit fit(Declaration declaration, TenantQueues queues) throws BrokerException {
    if (accepts(declaration)) {
      return Fit.AS_DECLARED;
    }
    Declaration other =
        settings.otherType().declarations(queues).stream()
            .filter(d -> d.queue().equals(declaration.queue()))
            .findFirst()
            .orElseThrow();
    return accepts(other) ? Fit.OTHER_TYPE : Fit.OTHER_ARGUMENTS;
  }

  /** Whether RabbitMQ takes the declaration (it refuses one that differs from the queue's own). */
  private boolean accepts(Declaration declaration) throws BrokerException {
    try {
      rabbit.withChannel(
          endpoint,
          channel ->
              channel.queueDeclare(
                  declaration.queue(), true, false, false, owned(declaration.arguments())));
      return true;
    } catch (BrokerException e) {
      if (e.failure() == BrokerException.Failure.REJECTED) {
        return false;
      }
      throw e;
    }
  }

  /** The type of an existing queue; null when neither declaration fits and none can say. */
  private QueueType type(Declaration declaration, TenantQueues queues) throws BrokerException {
    return switch (fit(declaration, queues)) {
      case AS_DECLARED -> settings.type();
      case OTHER_TYPE -> settings.type().other();
      case OTHER_ARGUMENTS ->
          endpoint.hasManagement()
              ? management.queueType(endpoint, declaration.queue()).orElse(null)
              : null;
    };
  }

  /** The contract's arguments and the owner's UID. */
  private Map<String, Object> owned(Map<String, Object> arguments) {
    Map<String, Object> owned = new LinkedHashMap<>(arguments);
    owned.put(OWNER_ARGUMENT, owner.uid());
    return owned;
  }

  /** How the queues are declared, for the QueuesReady message. */
  private String describe(Map<String, Fit> fits) {
    String declared =
        settings.type() == QueueType.QUORUM
            ? "quorum queues (delivery limit " + settings.deliveryLimit() + ")"
            : "classic queues";
    if (fits.values().stream().allMatch(f -> f == Fit.AS_DECLARED)) {
      return declared;
    }
    if (fits.values().stream().allMatch(f -> f == Fit.OTHER_TYPE)) {
      return settings.type().other().argument()
          + " queues, kept as they existed (the Environment asks for "
          + declared
          + "; the README says how to migrate)";
    }
    List<String> kept =
        fits.entrySet().stream()
            .filter(e -> e.getValue() != Fit.AS_DECLARED)
            .map(Map.Entry::getKey)
            .toList();
    return declared
        + " but for "
        + String.join(", ", kept)
        + ", kept as they existed (another queue type or an earlier deliveryLimit)";
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
}
