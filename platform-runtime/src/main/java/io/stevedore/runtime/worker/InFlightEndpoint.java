package io.stevedore.runtime.worker;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/inflight}: how many deliveries this worker holds and whether it is draining; the
 * autoscaler removes idle pods first when scaling in.
 */
@Endpoint(id = "inflight")
public class InFlightEndpoint {

  /** The answer: {@code {"inFlight": n, "draining": false}}. */
  public record InFlight(int inFlight, boolean draining) {}

  private final QueueWorker worker;

  public InFlightEndpoint(QueueWorker worker) {
    this.worker = worker;
  }

  @ReadOperation
  public InFlight inFlight() {
    return new InFlight(worker.inFlight(), worker.draining());
  }
}
