package io.stevedore.runtime.worker;

import io.stevedore.runtime.worker.outage.DependencyBreakers;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/inflight}: how many deliveries this worker holds and whether it is draining (the
 * autoscaler removes idle pods first when scaling in), how many it has processed in how much busy
 * time (the autoscaler measures each pod's throughput and capacity from them), and whether it has
 * paused because a store is unavailable, with the state of each store's circuit breaker.
 */
@Endpoint(id = "inflight")
public class InFlightEndpoint {

  /**
   * The answer: {@code {"inFlight": n, "draining": false, "processed": m, "busySeconds": s,
   * "paused": false, "circuits": {"dynamodb": "closed", "mysql": "closed"}}}; processed and
   * busySeconds only grow while the worker runs; a circuit is closed, half_open or open.
   */
  public record InFlight(
      int inFlight,
      boolean draining,
      long processed,
      double busySeconds,
      boolean paused,
      Map<String, String> circuits) {}

  private final QueueWorker worker;
  private final DependencyBreakers breakers;

  public InFlightEndpoint(QueueWorker worker, DependencyBreakers breakers) {
    this.worker = worker;
    this.breakers = breakers;
  }

  @ReadOperation
  public InFlight inFlight() {
    return new InFlight(
        worker.inFlight(),
        worker.draining(),
        worker.processed(),
        worker.busySeconds(),
        worker.paused(),
        breakers.states());
  }
}
