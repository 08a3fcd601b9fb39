package io.stevedore.operator.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A discrete-time simulation (1 s steps) of a worker pool under an arrival trace: pods start after
 * a delay, each ready pod processes about {@code perReplica} messages per second from one FIFO
 * queue (each pod's rate varies from second to second by the service-time noise, as real workers'
 * do, so a policy must measure it), and a scaling policy sets the replicas after every step.
 * Scale-in removes pods that are still starting first, then the newest, as a ReplicaSet does.
 */
final class ScaleSimulation {

  /** How a simulated pool is scaled. */
  interface Policy {
    String name();

    /** The replicas wanted after the step ending at {@code now}. */
    int decide(double now, PoolView pool);
  }

  /**
   * What a policy can observe: the queue (ready and in flight) and the pods.
   *
   * @param pods each pod's name, readiness, in-flight and processed count
   */
  record PoolView(double ready, double unacked, int replicas, List<PodView> pods) {
    double backlog() {
      return ready + unacked;
    }
  }

  record PodView(
      String name, boolean ready, double inFlight, double processed, double busySeconds) {}

  /** One second of a run. */
  record Sample(int second, double arrivals, double backlog, double oldestAge, int replicas) {}

  /** A run's series and totals. */
  record Run(
      String trace, String policy, List<Sample> samples, double replicaSeconds, int sloSeconds) {}

  private static final class Pod {
    final String name;
    final double readyAt;
    double processed;
    double busySeconds;

    Pod(String name, double readyAt) {
      this.name = name;
      this.readyAt = readyAt;
    }

    boolean ready(double now) {
      return now >= readyAt;
    }
  }

  private final double perReplica;
  private final double podStartSeconds;
  private final double sloSeconds;
  private final double serviceNoise;
  private final long seed;

  /**
   * @param perReplica messages per second one ready pod processes
   * @param podStartSeconds seconds from creating a pod until it is ready and consuming
   * @param sloSeconds oldest-message age above which a second counts against the SLO
   */
  ScaleSimulation(double perReplica, double podStartSeconds, double sloSeconds) {
    this(perReplica, podStartSeconds, sloSeconds, 0, 0);
  }

  /**
   * @param serviceNoise each ready pod's rate in a second is perReplica × (1 ± up to this), uniform
   * @param seed of the noise, so every policy sees the same pods' rates
   */
  ScaleSimulation(
      double perReplica,
      double podStartSeconds,
      double sloSeconds,
      double serviceNoise,
      long seed) {
    this.perReplica = perReplica;
    this.podStartSeconds = podStartSeconds;
    this.sloSeconds = sloSeconds;
    this.serviceNoise = serviceNoise;
    this.seed = seed;
  }

  Run run(Trace trace, Policy policy, int initialReplicas) {
    var queue = new SimulatedQueue();
    var noise = new java.util.Random(seed);
    List<Pod> pods = new ArrayList<>();
    int[] counter = {0};
    for (int i = 0; i < initialReplicas; i++) {
      pods.add(new Pod("pod-" + counter[0]++, Double.NEGATIVE_INFINITY));
    }
    double[] arrivals = trace.arrivals();
    List<Sample> samples = new ArrayList<>(arrivals.length);
    double replicaSeconds = 0;
    int slo = 0;
    for (int second = 0; second < arrivals.length; second++) {
      double now = second;
      queue.arrive(now, arrivals[second]);
      List<Pod> ready = pods.stream().filter(p -> p.ready(now)).toList();
      double[] rates = new double[ready.size()];
      double capacity = 0;
      for (int i = 0; i < rates.length; i++) {
        rates[i] = perReplica * (1 + serviceNoise * (2 * noise.nextDouble() - 1));
        capacity += rates[i];
      }
      double served = queue.take(capacity);
      for (int i = 0; i < rates.length; i++) {
        // Work is shared in proportion to speed; a pod is busy for the share of the second it
        // works.
        double share = capacity > 0 ? served * rates[i] / capacity : 0;
        ready.get(i).processed += share;
        ready.get(i).busySeconds += share / rates[i];
      }
      replicaSeconds += pods.size();
      double end = now + 1;
      double age = queue.oldestAge(end);
      if (age > sloSeconds) {
        slo++;
      }
      samples.add(new Sample(second, arrivals[second], queue.size(), age, pods.size()));

      int readyAtEnd = (int) pods.stream().filter(p -> p.ready(end)).count();
      // A ready worker holds about a second of work: that is what the broker counts as unacked.
      double unacked = Math.min(queue.size(), readyAtEnd * perReplica);
      List<PodView> views =
          pods.stream()
              .map(
                  p ->
                      new PodView(
                          p.name,
                          p.ready(end),
                          p.ready(end) && readyAtEnd > 0 ? unacked / readyAtEnd : 0,
                          p.processed,
                          p.busySeconds))
              .toList();
      var view = new PoolView(queue.size() - unacked, unacked, pods.size(), views);
      int wanted = Math.max(0, policy.decide(end, view));
      while (pods.size() < wanted) {
        pods.add(new Pod("pod-" + counter[0]++, end + podStartSeconds));
      }
      if (pods.size() > wanted) {
        pods.sort(Comparator.comparing((Pod p) -> p.ready(end)).thenComparing(p -> -p.readyAt));
        pods.subList(0, pods.size() - wanted).clear();
      }
    }
    return new Run(trace.name(), policy.name(), samples, replicaSeconds, slo);
  }
}
