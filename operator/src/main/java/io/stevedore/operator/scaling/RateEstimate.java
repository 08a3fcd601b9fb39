package io.stevedore.operator.scaling;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The smoothed arrival rate and per-replica throughput of a pool, updated from two consecutive
 * observations.
 *
 * <p>Consumption between two observations is measured from the workers' processed counters (pods
 * seen in both), else taken from the broker's ack rate (only while consumers are attached).
 * Arrivals are the backlog's growth plus what was consumed, else the broker's publish rate; the
 * rate is smoothed from zero, so a burst that lands at once counts as backlog, which the drain term
 * sizes for, not as a rate.
 *
 * <p>The per-replica throughput is a capacity. Workers that report their busy time give it
 * directly: messages processed per busy second, measurable while they are not saturated. Otherwise
 * consumption per replica counts fully only while the queues had ready messages at both ends (the
 * workers never waited for work); without that only higher samples are taken, since a lower one
 * would measure the load. Nothing consumed at all says the workers are stuck or absent, not how
 * fast they are: no sample. Busy time too short for a sample carries over to the next interval, so
 * sparse traffic is measured too. Until the first full sample, the throughput is the spec's
 * initialThroughputPerReplica.
 *
 * @param consumedInInterval messages consumed between the last two observations, when known
 * @param pendingBusyMessages messages of busy time not yet long enough for a capacity sample
 * @param pendingBusySeconds that busy time
 */
public record RateEstimate(
    double arrivalRate,
    boolean arrivalKnown,
    double throughputPerReplica,
    boolean throughputMeasured,
    OptionalDouble consumedInInterval,
    double pendingBusyMessages,
    double pendingBusySeconds) {

  /** Smoothing time constant of the arrival rate. */
  static final Duration ARRIVAL_SMOOTHING = Duration.ofSeconds(10);

  /** Smoothing time constant of the per-replica throughput. */
  static final Duration THROUGHPUT_SMOOTHING = Duration.ofSeconds(20);

  private static final double MIN_THROUGHPUT = 0.001;

  /** Before any observation: the initial throughput, no arrival rate. */
  public static RateEstimate initial(double initialThroughputPerReplica) {
    return new RateEstimate(
        0,
        false,
        Math.max(MIN_THROUGHPUT, initialThroughputPerReplica),
        false,
        OptionalDouble.empty(),
        0,
        0);
  }

  /** The estimate after {@code current}, given the observation before it (may be null). */
  public RateEstimate next(Observation previous, Observation current) {
    if (previous == null || !current.at().isAfter(previous.at())) {
      return new RateEstimate(
          current.depth().publishRate().orElse(arrivalRate),
          current.depth().publishRate().isPresent() || arrivalKnown,
          throughputPerReplica,
          throughputMeasured,
          OptionalDouble.empty(),
          pendingBusyMessages,
          pendingBusySeconds);
    }
    double seconds = Duration.between(previous.at(), current.at()).toNanos() / 1e9;
    Consumption consumption = consumption(previous, current, seconds);

    double arrivalSample;
    boolean arrivalMeasured = true;
    if (consumption.messages().isPresent()) {
      double growth = current.depth().backlog() - previous.depth().backlog();
      arrivalSample = Math.max(0, (growth + consumption.messages().getAsDouble()) / seconds);
    } else if (current.depth().publishRate().isPresent()) {
      arrivalSample = current.depth().publishRate().getAsDouble();
    } else {
      // Without consumption or publish rate, the backlog's growth is a lower bound.
      arrivalSample =
          Math.max(0, (current.depth().backlog() - previous.depth().backlog()) / seconds);
      arrivalMeasured = false;
    }
    // Smoothed from zero, not seeded with the first sample: a burst is backlog, not a rate.
    double arrival = smooth(arrivalRate, arrivalSample, seconds, ARRIVAL_SMOOTHING);

    double throughput = throughputPerReplica;
    boolean measured = throughputMeasured;
    double busyMessages = pendingBusyMessages + consumption.busyMessages();
    double busySeconds = pendingBusySeconds + consumption.busySeconds();
    if (busySeconds >= MIN_BUSY_SECONDS) {
      double capacity = busyMessages / busySeconds;
      throughput =
          measured ? smooth(throughput, capacity, seconds, THROUGHPUT_SMOOTHING) : capacity;
      measured = true;
      busyMessages = 0;
      busySeconds = 0;
    } else if (consumption.messages().isPresent()
        && consumption.messages().getAsDouble() > 0
        && consumption.replicas() > 0) {
      double sample = consumption.messages().getAsDouble() / seconds / consumption.replicas();
      boolean saturated = previous.depth().ready() > 0 && current.depth().ready() > 0;
      if (saturated) {
        throughput = measured ? smooth(throughput, sample, seconds, THROUGHPUT_SMOOTHING) : sample;
        measured = true;
      } else if (sample > throughput) {
        throughput = smooth(throughput, sample, seconds, THROUGHPUT_SMOOTHING);
      }
    }
    return new RateEstimate(
        arrival,
        arrivalKnown || arrivalMeasured,
        Math.max(MIN_THROUGHPUT, throughput),
        measured,
        consumption.messages(),
        busyMessages,
        busySeconds);
  }

  /** Busy time below which a capacity sample is noise (a worker finishing one message). */
  private static final double MIN_BUSY_SECONDS = 0.05;

  /**
   * Messages consumed in an interval and by how many replicas (messages empty when unknown), and
   * the messages and busy seconds of the pods that report busy time.
   */
  private record Consumption(
      OptionalDouble messages, int replicas, double busyMessages, double busySeconds) {}

  private static Consumption consumption(
      Observation previous, Observation current, double seconds) {
    Map<String, PodSample> before =
        previous.pods().stream()
            .filter(p -> p.processed().isPresent())
            .collect(Collectors.toMap(PodSample::name, Function.identity(), (a, b) -> a));
    double messages = 0;
    int counted = 0;
    boolean anyUnreadable = false;
    double busyMessages = 0;
    double busySeconds = 0;
    for (PodSample pod : current.pods()) {
      PodSample earlier = before.get(pod.name());
      if (pod.processed().isEmpty()) {
        anyUnreadable |= pod.ready();
        continue;
      }
      if (earlier == null) {
        continue;
      }
      long delta = pod.processed().getAsLong() - earlier.processed().getAsLong();
      // A restarted worker counts from zero again.
      messages += delta >= 0 ? delta : pod.processed().getAsLong();
      if (delta >= 0 && pod.busySeconds().isPresent() && earlier.busySeconds().isPresent()) {
        double busy = pod.busySeconds().getAsDouble() - earlier.busySeconds().getAsDouble();
        if (busy > 0) {
          busyMessages += delta;
          busySeconds += busy;
        }
      }
      if (pod.ready() && !pod.draining()) {
        counted++;
      }
    }
    if (!anyUnreadable && (counted > 0 || current.pods().isEmpty())) {
      return new Consumption(OptionalDouble.of(messages), counted, busyMessages, busySeconds);
    }
    // The broker's ack rate says nothing of capacity while no consumer is attached.
    if (current.depth().ackRate().isPresent() && current.depth().consumers().orElse(1) > 0) {
      return new Consumption(
          OptionalDouble.of(current.depth().ackRate().getAsDouble() * seconds),
          current.readyReplicas(),
          busyMessages,
          busySeconds);
    }
    return new Consumption(OptionalDouble.empty(), 0, busyMessages, busySeconds);
  }

  /** Exponentially weighted moving average with time constant {@code tau}. */
  static double smooth(double previous, double sample, double seconds, Duration tau) {
    double alpha = 1 - Math.exp(-seconds / (tau.toMillis() / 1000.0));
    return previous + alpha * (sample - previous);
  }
}
