package io.stevedore.operator.broker;

import io.stevedore.contract.TenantQueues;
import java.util.Set;

/**
 * Moves a tenant's dead letters back to its main queue, one bounded batch per call. A message is
 * removed from the dead-letter queue only after the broker has confirmed its copy in the main
 * queue, so a failure midway never loses one; how many an interruption can copy twice depends on
 * the broker (at most the one copy in flight when it stopped). The copy gets fresh attempts and the
 * redrive's token, so a message that fails again and comes back is not moved twice by the same
 * redrive.
 */
public interface DeadLetterRedrive {
  /** Header (RabbitMQ) or message attribute (SQS) naming the redrive that moved a message. */
  String TOKEN_HEADER = "stevedore-redrive";

  /** What the runtime and RabbitMQ add to a failed message; a redriven one starts afresh. */
  Set<String> RETRY_HEADERS =
      Set.of(
          TenantQueues.ATTEMPTS_HEADER,
          TenantQueues.FAILURE_HEADER,
          "x-death",
          "x-delivery-count",
          "x-first-death-exchange",
          "x-first-death-queue",
          "x-first-death-reason",
          "x-last-death-exchange",
          "x-last-death-queue",
          "x-last-death-reason");

  /**
   * What one batch did.
   *
   * @param moved messages now in the main queue and gone from the dead-letter queue
   * @param remaining messages left in the dead-letter queue (ready ones, as the broker counts)
   * @param finished the dead-letter queue is empty, or its next message was moved by this same
   *     redrive before and failed again
   */
  record Batch(int moved, long remaining, boolean finished) {}

  /** Moves up to {@code limit} dead letters of {@code queues} to their main queue. */
  Batch moveBatch(TenantQueues queues, String token, int limit) throws BrokerException;
}
