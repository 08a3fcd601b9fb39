package io.stevedore.contract;

import java.time.Duration;
import java.util.List;

/**
 * A tenant's queues on the broker and the arguments they are declared with: the operator declares
 * them, the runtime publishes and consumes, and both must agree exactly (RabbitMQ refuses a
 * re-declaration with other arguments).
 *
 * <p>Processing that fails is retried through delay queues with growing fixed TTLs, which
 * dead-letter back into the main queue; after the last attempt a message goes to the dead-letter
 * queue, with the reason in its headers.
 */
public record TenantQueues(String main, String deadLetter, List<String> retries) {

  /**
   * Delays before the 2nd, 3rd and later attempts; one delay queue each, so none blocks another.
   */
  public static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));

  /** Attempts before a message is dead-lettered. */
  public static final int MAX_ATTEMPTS = RETRY_DELAYS.size() + 1;

  /** Header that counts attempts so far (RabbitMQ and SQS message attribute alike). */
  public static final String ATTEMPTS_HEADER = "stevedore-attempts";

  /** Header with the reason of the last failure, on retried and dead-lettered messages. */
  public static final String FAILURE_HEADER = "stevedore-failure";

  /** Header naming the tenant a message belongs to. */
  public static final String TENANT_HEADER = "stevedore-tenant";

  /** The queues of tenant {@code tenant} in namespace {@code namespace}. */
  public static TenantQueues of(String namespace, String tenant) {
    String main = "tenant." + namespace + "." + tenant;
    return new TenantQueues(
        main,
        main + ".dlq",
        RETRY_DELAYS.stream().map(d -> main + ".retry." + d.toSeconds() + "s").toList());
  }

  /**
   * SQS redrive threshold of a main queue: the worker dead-letters with a reason after
   * MAX_ATTEMPTS; the redrive policy only catches messages that crash workers, with some slack for
   * receives a draining worker gives back.
   */
  public static final int SQS_MAX_RECEIVE_COUNT = MAX_ATTEMPTS + 2;

  /**
   * A tenant's queues on SQS, named as the operator chose them: a main and a dead-letter queue
   * only, since retry delays are visibility timeouts there.
   */
  public static TenantQueues onSqs(SqsQueueNames names) {
    return new TenantQueues(names.main(), names.deadLetter(), List.of());
  }

  /** The delay queue for a message that has failed {@code failedAttempts} times (1-based). */
  public String retryQueueAfter(int failedAttempts) {
    return retries.get(Math.min(failedAttempts, retries.size()) - 1);
  }
}
