package io.stevedore.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a tenant's RabbitMQ queues are declared, as its Environment chooses: the queue type and, for
 * quorum queues, the broker's delivery limit. The operator declares with these arguments and keeps
 * queues that already exist with the other type's (RabbitMQ refuses a re-declaration with other
 * arguments, and a queue's type cannot change).
 *
 * <p>The two limits count different things and never compete: the worker's {@link
 * TenantQueues#MAX_ATTEMPTS} counts failed processing, each retry being a new message (it travels
 * through a delay queue back to main, where the broker's count starts again at 0); the delivery
 * limit counts how often one message came back unsettled within one attempt (a worker process
 * crashed or was stopped holding it, or a worker released it during a store outage). Past the limit
 * the broker dead-letters it into the DLQ with {@code x-first-death-reason: delivery_limit}.
 *
 * @param type quorum (replicated, with the delivery limit) or classic (as before: no limit)
 * @param deliveryLimit deliveries returned unsettled before the broker dead-letters a message
 *     (quorum only): a message is delivered at most {@code deliveryLimit + 1} times per attempt
 */
public record RabbitQueueSettings(QueueType type, int deliveryLimit) {

  /** The RabbitMQ queue types a tenant's queues can have. */
  public enum QueueType {
    QUORUM("quorum"),
    CLASSIC("classic");

    private final String argument;

    QueueType(String argument) {
      this.argument = argument;
    }

    /** The value of {@code x-queue-type}, as the management API also reports it. */
    public String argument() {
      return argument;
    }

    public QueueType other() {
      return this == QUORUM ? CLASSIC : QUORUM;
    }
  }

  /**
   * Well above the releases a healthy message can see in one attempt (a scale-in or a store outage
   * gives back what a worker holds, once each), yet a message that kills every worker stops after
   * 21 deliveries.
   */
  public static final int DEFAULT_DELIVERY_LIMIT = 20;

  /** Quorum queues with the default delivery limit: what an Environment gets unless it opts out. */
  public static final RabbitQueueSettings DEFAULT =
      new RabbitQueueSettings(QueueType.QUORUM, DEFAULT_DELIVERY_LIMIT);

  /** Classic queues, declared exactly as before quorum queues became the default. */
  public static final RabbitQueueSettings CLASSIC =
      new RabbitQueueSettings(QueueType.CLASSIC, DEFAULT_DELIVERY_LIMIT);

  public RabbitQueueSettings {
    if (deliveryLimit < 1) {
      throw new IllegalArgumentException("deliveryLimit must be at least 1: " + deliveryLimit);
    }
  }

  /** The same settings with the other queue type: how a queue of the other type was declared. */
  public RabbitQueueSettings otherType() {
    return new RabbitQueueSettings(type.other(), deliveryLimit);
  }

  /** One queue and the arguments it is declared with (durable, not exclusive, not auto-delete). */
  public record Declaration(String queue, Map<String, Object> arguments) {}

  /** Every queue of the tenant with its arguments: main, dead-letter, then the delay queues. */
  public List<Declaration> declarations(TenantQueues queues) {
    List<Declaration> declarations = new ArrayList<>();
    declarations.add(new Declaration(queues.main(), mainArguments(queues)));
    declarations.add(new Declaration(queues.deadLetter(), deadLetterArguments()));
    for (int i = 0; i < queues.retries().size(); i++) {
      declarations.add(new Declaration(queues.retries().get(i), retryArguments(queues, i)));
    }
    return declarations;
  }

  /**
   * The main queue: on quorum, the delivery limit, and dead-lettering into the DLQ so that a
   * message past it is kept, not dropped. On classic, no arguments: the runtime dead-letters itself
   * (with the failure reason in the headers).
   */
  public Map<String, Object> mainArguments(TenantQueues queues) {
    if (type == QueueType.CLASSIC) {
      return Map.of();
    }
    return withSafeDeadLettering(Map.of("x-delivery-limit", deliveryLimit), queues.deadLetter());
  }

  /**
   * The dead-letter queue: quorum too, since dead letters are accepted data waiting for a person;
   * no limit and no dead-lettering of its own, so nothing ever leaves it but by hand or redrive.
   */
  public Map<String, Object> deadLetterArguments() {
    return type == QueueType.CLASSIC ? Map.of() : Map.of("x-queue-type", type.argument());
  }

  /**
   * Delay queue {@code index}: messages wait out its TTL, then return to main. On quorum a message
   * waiting for its retry is replicated like any other, and returns at-least-once.
   */
  public Map<String, Object> retryArguments(TenantQueues queues, int index) {
    long ttl = TenantQueues.RETRY_DELAYS.get(index).toMillis();
    if (type == QueueType.CLASSIC) {
      return Map.of(
          "x-message-ttl",
          ttl,
          "x-dead-letter-exchange",
          "",
          "x-dead-letter-routing-key",
          queues.main());
    }
    return withSafeDeadLettering(Map.of("x-message-ttl", ttl), queues.main());
  }

  /**
   * A quorum queue that dead-letters into {@code target} at-least-once: the message leaves only
   * once the target has it (the broker requires reject-publish overflow for that; no max-length is
   * set, so publishers never see it).
   */
  private Map<String, Object> withSafeDeadLettering(Map<String, Object> own, String target) {
    var arguments = new java.util.LinkedHashMap<String, Object>(own);
    arguments.put("x-queue-type", type.argument());
    arguments.put("x-dead-letter-exchange", "");
    arguments.put("x-dead-letter-routing-key", target);
    arguments.put("x-dead-letter-strategy", "at-least-once");
    arguments.put("x-overflow", "reject-publish");
    return Map.copyOf(arguments);
  }
}
