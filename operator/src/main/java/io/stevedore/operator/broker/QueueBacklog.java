package io.stevedore.operator.broker;

/**
 * What a tenant's queues hold.
 *
 * @param ready messages waiting in the main queue
 * @param retrying messages waiting out a retry delay (RabbitMQ's delay queues; 0 on SQS, where a
 *     retry is a visibility timeout and counts as in flight)
 * @param inFlight messages delivered to a worker and not yet settled; -1 when the broker cannot
 *     tell (RabbitMQ without its management API)
 * @param deadLettered messages in the dead-letter queue
 * @param consumers consumers attached to the main queue; -1 when the broker cannot tell (SQS)
 */
public record QueueBacklog(
    long ready, long retrying, long inFlight, long deadLettered, int consumers) {

  /** Whether nothing waits to be processed (ready and retrying; in flight is counted apart). */
  public boolean nothingWaiting() {
    return ready == 0 && retrying == 0;
  }

  /** Whether every queue, the dead-letter queue included, is known to be empty. */
  public boolean empty() {
    return nothingWaiting() && inFlight == 0 && deadLettered == 0;
  }

  @Override
  public String toString() {
    return ready
        + " ready, "
        + retrying
        + " retrying, "
        + (inFlight < 0 ? "unknown" : String.valueOf(inFlight))
        + " in flight, "
        + deadLettered
        + " dead-lettered";
  }
}
