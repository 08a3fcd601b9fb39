package io.stevedore.runtime.worker;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/inflight}: how many deliveries this worker holds and whether it is draining (the
 * autoscaler removes idle pods first when scaling in), and how many it has processed in how much
 * busy time (the autoscaler measures each pod's throughput and capacity from them).
 */
@Endpoint(id = "inflight")
public class InFlightEndpoint {

  /**
   * The answer: {@code {"inFlight": n, "draining": false, "processed": m, "busySeconds": s}};
   * processed and busySeconds only grow while the worker runs.
   */
  public record InFlight(int inFlight, boolean draining, long processed, double busySeconds) {}

  private final QueueWorker worker;

  public InFlightEndpoint(QueueWorker worker) {
    this.worker = worker;
  }

  @ReadOperation
  public InFlight inFlight() {
    return new InFlight(
        worker.inFlight(), worker.draining(), worker.processed(), worker.busySeconds());
  }
}
