package io.stevedore.operator.scaling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.WorkerPool;
import io.stevedore.operator.platform.PlatformClients;
import io.stevedore.operator.status.EventRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoscaler's loop: every pool's poll interval, while this operator replica leads, observe the
 * pool's queues and pods, decide ({@link Autoscaler}), apply the replicas, record Events and
 * metrics, and hand the report to the WorkerPool reconciler. One shared scheduler; each pool's
 * observation runs on a task of its own, at most one at a time per pool, so a slow or unreachable
 * broker delays only the pools that use it.
 */
public final class WorkerPoolScaler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerPoolScaler.class);

  /** status.scaling refreshes at least this often while only the inputs change. */
  static final Duration REPORT_REFRESH = Duration.ofSeconds(5);

  static final int OBSERVERS = 8;

  private final PodReader pods;
  private final DeploymentScaler deployments;
  private final RabbitQueueObserver rabbit;
  private final SqsQueueObserver sqs;
  private final EventRecorder events;
  private final ScalingMetrics metrics;
  private final BooleanSupplier leading;
  private final Clock clock;
  private final Map<ResourceID, PoolLoop> loops = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final ExecutorService observers;
  private volatile Consumer<ResourceID> onReport = id -> {};

  public WorkerPoolScaler(
      KubernetesClient client,
      PlatformClients clients,
      EventRecorder events,
      ScalingMetrics metrics,
      BooleanSupplier leading,
      Clock clock) {
    this.pods = new PodReader(clients.pods());
    this.deployments = new DeploymentScaler(client);
    this.rabbit = new RabbitQueueObserver(clients, clock);
    this.sqs = new SqsQueueObserver(clients);
    this.events = events;
    this.metrics = metrics;
    this.leading = leading;
    this.clock = clock;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("stevedore-scaler"));
    this.observers = Executors.newFixedThreadPool(OBSERVERS, daemon("stevedore-scaler-observe"));
  }

  /** Called with a pool whose report changed; the reconciler writes it to the pool's status. */
  public void onReport(Consumer<ResourceID> listener) {
    this.onReport = listener;
  }

  /** Starts or updates scaling a pool. */
  public void track(ScalingTarget target) {
    if (scheduler.isShutdown()) {
      // Closed while the operator finishes its last reconciliations.
      return;
    }
    loops.compute(
        target.pool(),
        (id, loop) -> {
          PoolLoop next = loop == null ? new PoolLoop(id) : loop;
          next.target = target;
          next.schedule(interval(target));
          return next;
        });
  }

  /** Stops scaling a pool (deleted, invalid, or its Environment gone). */
  public void untrack(ResourceID pool) {
    PoolLoop loop = loops.remove(pool);
    if (loop != null) {
      loop.cancel();
      metrics.forget(pool);
    }
  }

  /** The latest report on a pool. */
  public Optional<ScalingReport> report(ResourceID pool) {
    return Optional.ofNullable(loops.get(pool)).map(l -> l.report);
  }

  public boolean tracks(ResourceID pool) {
    return loops.containsKey(pool);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    observers.shutdownNow();
    loops.clear();
  }

  private static Duration interval(ScalingTarget target) {
    return target
        .cluster()
        .pool(target.pool())
        .map(p -> ScalingParameters.of(p.getSpec().getScaling()).pollInterval())
        .orElse(Duration.ofSeconds(1));
  }

  /** One pool's schedule and memory. */
  private final class PoolLoop {
    final ResourceID id;
    final AtomicBoolean running = new AtomicBoolean();
    final AtomicBoolean overran = new AtomicBoolean();
    volatile ScalingTarget target;
    volatile ScalingReport report;
    ScalingHistory history;
    ScheduledFuture<?> future;
    Duration interval;
    Instant reportedAt = Instant.EPOCH;
    Applied applied;

    PoolLoop(ResourceID id) {
      this.id = id;
    }

    synchronized void schedule(Duration every) {
      if (every.equals(interval) && future != null) {
        return;
      }
      cancel();
      interval = every;
      future =
          scheduler.scheduleWithFixedDelay(
              this::submit, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void cancel() {
      if (future != null) {
        future.cancel(false);
        future = null;
      }
    }

    void submit() {
      if (!leading.getAsBoolean()) {
        return;
      }
      if (!running.compareAndSet(false, true)) {
        // A tick that overran its interval is followed at once, not a whole interval later.
        overran.set(true);
        return;
      }
      try {
        observers.execute(this::runTicks);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        running.set(false);
      }
    }

    private void runTicks() {
      try {
        do {
          overran.set(false);
          long started = System.nanoTime();
          try {
            tick();
          } catch (RuntimeException e) {
            log.warn("Scaling {} failed: {}", name(id), e.toString(), e);
          }
          metrics.tickDuration(id, Duration.ofNanos(System.nanoTime() - started));
        } while (overran.get() && leading.getAsBoolean() && loops.get(id) == this);
      } finally {
        running.set(false);
      }
    }

    void tick() {
      ScalingTarget t = target;
      ClusterView cluster = t.cluster();
      Optional<WorkerPool> found = cluster.pool(id);
      if (found.isEmpty()) {
        untrack(id);
        return;
      }
      WorkerPool pool = found.get();
      var parameters = ScalingParameters.of(pool.getSpec().getScaling());
      if (!parameters.pollInterval().equals(interval)) {
        schedule(parameters.pollInterval());
      }
      Deployment deployment =
          cluster.deployment(id.getNamespace().orElseThrow(), t.deployment()).orElse(null);
      if (deployment == null) {
        return;
      }
      int current = current(deployment);
      List<Pod> podList = cluster.pods(deployment);
      Instant now = clock.instant();
      List<PodSample> samples = pods.read(podList);
      ObservationResult observation;
      String note = "";
      int readyReplicas =
          deployment.getStatus() == null
              ? 0
              : Objects.requireNonNullElse(deployment.getStatus().getReadyReplicas(), 0);
      boolean onSqs = t.environment().getSpec().getBroker().getType() == BrokerType.SQS;
      try {
        QueueDepth depth = (onSqs ? sqs : rabbit).observe(t.environment(), t.queues());
        note = depth.note();
        observation = Observation.of(now, depth, samples, readyReplicas, onSqs);
      } catch (QueueObserver.ObservationException e) {
        observation = e.failure();
      }
      if (history == null) {
        history = ScalingHistory.initial(parameters);
      }
      var decision =
          Autoscaler.decide(
              new ScalingInputs(
                  parameters,
                  Pause.of(pool.getMetadata().getAnnotations()),
                  current,
                  observation,
                  QuotaLimits.headroom(
                      cluster.quotas(deployment.getMetadata().getNamespace()),
                      deployment.getSpec().getTemplate().getSpec()),
                  t.tenantCaps(),
                  history,
                  now));
      Optional<String> problem = Optional.empty();
      if (decision.scales()) {
        try {
          deployments.scale(deployment, current, decision.desiredReplicas(), podList, samples);
          applied = new Applied(decision.desiredReplicas(), generation(deployment) + 1);
          history = decision.next();
          log.info("WorkerPool {}: {}", name(id), decision.message());
        } catch (KubernetesClientException e) {
          problem = Optional.of("could not set the Deployment's replicas: " + e.getMessage());
          log.warn("WorkerPool {}: {}", name(id), problem.get());
        }
      } else {
        history = decision.next();
      }
      publish(pool, new ScalingReport(decision, problem, note, WorkerOutage.of(samples)), now);
    }

    /** The Deployment's replicas, or what this loop set if the cache has not seen it yet. */
    int current(Deployment deployment) {
      int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
      Long generation = deployment.getMetadata().getGeneration();
      if (applied != null && generation != null && generation < applied.generation()) {
        return applied.replicas();
      }
      return replicas;
    }

    /** The Deployment's generation, counting a change of replicas this loop made. */
    long generation(Deployment deployment) {
      long cached = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
      return applied == null ? cached : Math.max(cached, applied.generation());
    }

    void publish(WorkerPool pool, ScalingReport next, Instant now) {
      ScalingReport previous = report;
      for (var event : ScalingEvents.between(previous, next)) {
        if (event.warning()) {
          events.warning(pool, event.reason(), event.message());
        } else {
          events.normal(pool, event.reason(), event.message());
        }
      }
      metrics.record(id, next.decision(), next.outage());
      report = next;
      if (next.materiallyDiffers(previous)
          || !Duration.between(reportedAt, now).minus(REPORT_REFRESH).isNegative()) {
        reportedAt = now;
        onReport.accept(id);
      }
    }
  }

  /**
   * Replicas this loop set and the Deployment generation that carries them (the scale subresource
   * answers without the generation: a change of replicas adds one).
   */
  private record Applied(int replicas, long generation) {}

  private static String name(ResourceID id) {
    return id.getNamespace().orElse("") + "/" + id.getName();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
