package io.stevedore.operator.scaling;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The autoscaler's metrics, per pool (tags namespace, workerpool): desired and current replicas,
 * backlog, oldest-message age, arrival rate and per-replica throughput (gauges); decisions by rule,
 * replica changes by direction and failed observations by kind (counters), the duration of each
 * tick (a histogram), and the worker pods that report a store unavailable (a gauge per store).
 */
public final class ScalingMetrics {
  static final String PREFIX = "stevedore.workerpool.";

  private final MeterRegistry registry;
  private final Map<ResourceID, PoolGauges> pools = new ConcurrentHashMap<>();

  public ScalingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The latest values of one pool, read by its gauges. */
  private static final class PoolGauges {
    final AtomicReference<ScalingDecision> decision = new AtomicReference<>();
    final AtomicReference<WorkerOutage> outage = new AtomicReference<>(WorkerOutage.NONE);
    final Set<String> dependencies = ConcurrentHashMap.newKeySet();
    final List<Meter> meters = new ArrayList<>();
  }

  void record(ResourceID pool, ScalingDecision decision, WorkerOutage outage) {
    Tags tags = tags(pool);
    PoolGauges gauges = pools.computeIfAbsent(pool, p -> register(tags));
    gauges.decision.set(decision);
    gauges.outage.set(outage);
    for (String dependency : outage.podsByDependency().keySet()) {
      if (gauges.dependencies.add(dependency)) {
        // Registered when a store is first reported, then kept (at 0 once it is back).
        gauges.meters.add(
            Gauge.builder(
                    PREFIX + "paused.pods",
                    gauges.outage,
                    o -> o.get().podsByDependency().getOrDefault(dependency, 0))
                .description(
                    "Worker pods that report the store's circuit breaker open or half-open")
                .tags(tags.and("dependency", dependency))
                .register(registry));
      }
    }
    Counter.builder(PREFIX + "scaling.decisions")
        .description("Scaling decisions, by the rule that settled them")
        .tags(tags.and("rule", decision.rule().name()))
        .register(registry)
        .increment();
    if (decision.scales()) {
      Counter.builder(PREFIX + "scaling.changes")
          .description("Replica changes the autoscaler made")
          .tags(
              tags.and(
                  "direction",
                  decision.desiredReplicas() > decision.currentReplicas() ? "out" : "in"))
          .register(registry)
          .increment();
    }
    decision
        .failure()
        .ifPresent(
            failure ->
                Counter.builder(PREFIX + "scaling.observation.failures")
                    .description("Observations of the pool's queues that failed, by kind")
                    .tags(tags.and("kind", failure.kind().name()))
                    .register(registry)
                    .increment());
  }

  /** How long one observe-decide-apply tick of the pool took (KEDA: scaler metrics latency). */
  void tickDuration(ResourceID pool, Duration duration) {
    Timer.builder(PREFIX + "scaling.tick.duration")
        .description("Time to observe a pool's queues and pods, decide and apply, per tick")
        .tags(tags(pool))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(duration);
  }

  /** Removes a pool's gauges (its counters stay, as Prometheus counters should). */
  void forget(ResourceID pool) {
    PoolGauges gauges = pools.remove(pool);
    if (gauges != null) {
      gauges.meters.forEach(registry::remove);
    }
  }

  private PoolGauges register(Tags tags) {
    PoolGauges g = new PoolGauges();
    gauge(g, tags, "replicas.desired", "Replicas the autoscaler set", d -> d.desiredReplicas());
    gauge(
        g,
        tags,
        "replicas.current",
        "Replicas of the Deployment when last observed",
        d -> d.currentReplicas());
    gauge(
        g,
        tags,
        "backlog",
        "Ready plus unacknowledged messages of the pool's queues",
        d -> d.signals().map(s -> (double) s.backlog()).orElse(Double.NaN));
    gauge(
        g,
        tags,
        "oldest.message.age.seconds",
        "Estimated age of the oldest waiting message",
        d -> d.signals().map(ScalingSignals::oldestMessageAgeSeconds).orElse(Double.NaN));
    gauge(
        g,
        tags,
        "arrival.rate",
        "Messages per second arriving, smoothed",
        d -> d.signals().map(ScalingSignals::arrivalRate).orElse(Double.NaN));
    gauge(
        g,
        tags,
        "throughput.per.replica",
        "Messages per second one replica processes",
        d -> d.signals().map(ScalingSignals::throughputPerReplica).orElse(Double.NaN));
    return g;
  }

  private void gauge(
      PoolGauges g,
      Tags tags,
      String name,
      String description,
      java.util.function.ToDoubleFunction<ScalingDecision> value) {
    g.meters.add(
        Gauge.builder(
                PREFIX + name,
                g.decision,
                d -> d.get() == null ? Double.NaN : value.applyAsDouble(d.get()))
            .description(description)
            .tags(tags)
            .register(registry));
  }

  private static Tags tags(ResourceID pool) {
    return Tags.of("namespace", pool.getNamespace().orElse(""), "workerpool", pool.getName());
  }
}
