package io.stevedore.runtime.worker.outage;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.runtime.config.StevedoreProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per store the worker writes to (Resilience4j, counting batches). Batches
 * report whether a store was available for them; when too many were not, its breaker opens and
 * listeners learn that consumption must pause. While a breaker is not closed, a cheap probe call
 * (not a batch) tests the store every {@code waitInOpenState}; enough successful probes close it
 * and listeners learn that consumption may resume.
 */
public class DependencyBreakers implements AutoCloseable {
  static final String STATE = "stevedore.worker.circuit.state";
  static final String TRANSITIONS = "stevedore.worker.circuit.transitions";
  private static final Logger log = LoggerFactory.getLogger(DependencyBreakers.class);
  private static final Duration PROBE_TICK = Duration.ofMillis(250);

  private final Map<Dependency, CircuitBreaker> breakers = new EnumMap<>(Dependency.class);
  private final Map<Dependency, Runnable> probes;
  private final List<Consumer<Boolean>> listeners = new ArrayList<>();
  private final MeterRegistry meters;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "dependency-probes");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param probes for each store, a call that throws when the store is unavailable
   */
  public DependencyBreakers(
      StevedoreProperties.CircuitBreaker settings,
      Map<Dependency, Runnable> probes,
      MeterRegistry meters) {
    this.probes = Map.copyOf(probes);
    this.meters = meters;
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .failureRateThreshold(settings.failureRateThreshold())
            .slidingWindow(
                settings.slidingWindow(),
                Math.min(settings.minimumCalls(), settings.slidingWindow()),
                CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .waitDurationInOpenState(settings.waitInOpenState())
            .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
            .writableStackTraceEnabled(false)
            .build();
    for (Dependency dependency : Dependency.values()) {
      CircuitBreaker breaker = CircuitBreaker.of(dependency.tag(), config);
      breaker.getEventPublisher().onStateTransition(event -> transitioned(dependency, event));
      breakers.put(dependency, breaker);
      Gauge.builder(STATE, breaker, b -> CircuitState.of(b.getState()).value())
          .description("Circuit breaker of a store: 0 closed, 1 half-open (probing), 2 open")
          .tag("dependency", dependency.tag())
          .register(meters);
    }
    long tick = PROBE_TICK.toMillis();
    scheduler.scheduleWithFixedDelay(this::probeUnavailable, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Calls {@code listener} with whether every store is available, after each change. */
  public synchronized void onAvailabilityChange(Consumer<Boolean> listener) {
    listeners.add(listener);
  }

  /** Whether every breaker is closed: batches may be taken. */
  public boolean available() {
    return breakers.values().stream()
        .allMatch(breaker -> CircuitState.of(breaker.getState()) == CircuitState.CLOSED);
  }

  /** The state of each breaker, for the inflight endpoint. */
  public Map<String, String> states() {
    Map<String, String> states = new TreeMap<>();
    breakers.forEach(
        (dependency, breaker) ->
            states.put(dependency.tag(), CircuitState.of(breaker.getState()).tag()));
    return states;
  }

  /**
   * A batch's permission to use every store, or a {@link DependencyUnavailableException} when one
   * of them is not taking calls.
   */
  public Permit acquire() {
    List<CircuitBreaker> acquired = new ArrayList<>(breakers.size());
    for (Map.Entry<Dependency, CircuitBreaker> entry : breakers.entrySet()) {
      if (!entry.getValue().tryAcquirePermission()) {
        acquired.forEach(CircuitBreaker::releasePermission);
        throw new DependencyUnavailableException(entry.getKey());
      }
      acquired.add(entry.getValue());
    }
    return new Permit(System.nanoTime());
  }

  /** What one batch found: every store answered, or one was unavailable. */
  public final class Permit {
    private final long startedNanos;

    private Permit(long startedNanos) {
      this.startedNanos = startedNanos;
    }

    /** Every store answered (the batch may still have failed on its own). */
    public void answered() {
      long nanos = System.nanoTime() - startedNanos;
      breakers.values().forEach(b -> b.onSuccess(nanos, TimeUnit.NANOSECONDS));
    }

    /** {@code dependency} was unavailable; the other stores are not judged by this batch. */
    public void unavailable(Dependency dependency, Throwable failure) {
      long nanos = System.nanoTime() - startedNanos;
      breakers.forEach(
          (each, b) -> {
            if (each == dependency) {
              b.onError(nanos, TimeUnit.NANOSECONDS, failure);
            } else {
              b.releasePermission();
            }
          });
    }
  }

  private void probeUnavailable() {
    breakers.forEach(
        (dependency, breaker) -> {
          // In OPEN this refuses until the wait is over, then moves to HALF_OPEN and permits.
          while (CircuitState.of(breaker.getState()) != CircuitState.CLOSED
              && breaker.tryAcquirePermission()) {
            probe(dependency, breaker);
          }
        });
  }

  private void probe(Dependency dependency, CircuitBreaker breaker) {
    long started = System.nanoTime();
    try {
      probes.get(dependency).run();
      breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      long nanos = System.nanoTime() - started;
      if (DependencyFailures.outageOf(e).isPresent()) {
        log.debug("Probe of {} failed: {}", dependency.tag(), e.toString());
        breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
      } else {
        // It answered, if only to refuse this probe: the store is up.
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void transitioned(
      Dependency dependency,
      io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent event) {
    CircuitState from = CircuitState.of(event.getStateTransition().getFromState());
    CircuitState to = CircuitState.of(event.getStateTransition().getToState());
    meters
        .counter(TRANSITIONS, "dependency", dependency.tag(), "from", from.tag(), "to", to.tag())
        .increment();
    String message = to.message(dependency);
    if (to == CircuitState.CLOSED) {
      log.info(message);
    } else {
      log.warn(message);
    }
    // Listeners run on the probe thread, one change at a time, never on a processing thread.
    try {
      scheduler.execute(this::notifyListeners);
    } catch (RejectedExecutionException e) {
      log.debug("Breakers closed; availability change not delivered");
    }
  }

  private void notifyListeners() {
    boolean available = available();
    List<Consumer<Boolean>> current;
    synchronized (this) {
      current = List.copyOf(listeners);
    }
    current.forEach(listener -> listener.accept(available));
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
