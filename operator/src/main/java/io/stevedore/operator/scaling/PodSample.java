package io.stevedore.operator.scaling;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One worker pod as the autoscaler saw it: from the API (ready) and from the runtime's
 * `/actuator/inflight` (in flight, draining, processed), when the pod answered.
 *
 * @param inFlight deliveries the worker holds; empty when the pod could not be read
 * @param processed deliveries the worker has processed since it started (monotonic)
 * @param busySeconds seconds of the worker's full capacity spent processing since it started
 *     (processing time summed over its threads, divided by their number; monotonic): processed over
 *     busy is the pod's capacity, measurable even when it is not saturated
 * @param paused whether the worker stopped taking deliveries because a store is unavailable
 * @param unavailable the stores whose circuit breaker in the worker is not closed (open or
 *     half-open), sorted
 */
public record PodSample(
    String name,
    boolean ready,
    boolean draining,
    OptionalInt inFlight,
    OptionalLong processed,
    OptionalDouble busySeconds,
    boolean paused,
    List<String> unavailable) {

  public PodSample {
    unavailable = List.copyOf(unavailable);
  }

  /** A pod that reports no paused consumption (or a runtime too old to report it). */
  public PodSample(
      String name,
      boolean ready,
      boolean draining,
      OptionalInt inFlight,
      OptionalLong processed,
      OptionalDouble busySeconds) {
    this(name, ready, draining, inFlight, processed, busySeconds, false, List.of());
  }

  /** A pod whose runtime did not answer. */
  public static PodSample unreadable(String name, boolean ready) {
    return new PodSample(
        name, ready, false, OptionalInt.empty(), OptionalLong.empty(), OptionalDouble.empty());
  }

  public boolean readable() {
    return inFlight.isPresent();
  }
}
