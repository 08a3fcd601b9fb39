package io.stevedore.runtime.worker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.runtime.broker.Delivery;
import io.stevedore.runtime.broker.QueueConsumers;
import io.stevedore.runtime.tenant.TenantDirectoryFile;
import io.stevedore.runtime.tenant.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker role's loop: consumes the queues of the tenants in the directory (following its
 * changes) and processes deliveries on a fixed pool, several batches at a time. Deliveries wait per
 * tenant and the pool's threads take them in weighted fair order ({@link DeficitRoundRobin}, each
 * tenant's plan weight): a tenant with a deep backlog gets its share, not the whole worker, while
 * capacity others leave unused goes to whoever has work. What waits is bounded by each tenant
 * consumer's prefetch.
 *
 * <p>While a store it writes to is unavailable (its circuit breaker not closed), it pauses: stops
 * consuming and returns deliveries it has not started, so messages wait in their queues; it resumes
 * by itself when the breakers close. Readiness is unaffected: a new pod would not help.
 *
 * <p>On shutdown it drains, first of the lifecycle beans: stops consuming, releases deliveries that
 * have not started, lets started ones finish and ack, and closes the consumers within the drain
 * timeout (what is still unsettled then goes back to the broker).
 */
public class QueueWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

  private final QueueConsumers consumers;
  private final TenantDirectoryFile directory;
  private final BatchProcessor processor;
  private final Duration drainTimeout;
  private final ExecutorService pool;
  private final Object waitingLock = new Object();
  // Guarded by waitingLock.
  private final DeficitRoundRobin<Delivery> waiting = new DeficitRoundRobin<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong processed = new AtomicLong();
  private final LongAdder busyNanos = new LongAdder();
  private final int concurrency;
  private final Object settledMonitor = new Object();
  private final Object consumptionLock = new Object();
  private volatile boolean running;
  private volatile boolean draining;
  private volatile boolean paused;
  private volatile boolean stopped;
  private volatile Tenants served;

  public QueueWorker(
      QueueConsumers consumers,
      TenantDirectoryFile directory,
      BatchProcessor processor,
      int concurrency,
      Duration drainTimeout,
      MeterRegistry meters) {
    this.consumers = consumers;
    this.directory = directory;
    this.processor = processor;
    this.drainTimeout = drainTimeout;
    this.concurrency = concurrency;
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            concurrency, r -> new Thread(r, "worker-" + threads.incrementAndGet()));
    Gauge.builder(WorkerMetrics.IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("Deliveries taken from the broker and not yet settled")
        .register(meters);
  }

  /** Deliveries taken from the broker and not yet settled (waiting or being processed). */
  public int inFlight() {
    return inFlight.get();
  }

  public boolean draining() {
    return draining;
  }

  /** Whether consumption is paused because a store is unavailable. */
  public boolean paused() {
    return paused;
  }

  /** Deliveries processed since the worker started (monotonic), released ones not counted. */
  public long processed() {
    return processed.get();
  }

  /**
   * Seconds of the worker's full capacity spent processing since it started: processing time summed
   * over its threads, divided by their number. Processed over busy seconds is what the worker can
   * do per second, even while it waits for work.
   */
  public double busySeconds() {
    return busyNanos.sum() / 1e9 / concurrency;
  }

  @Override
  public void start() {
    running = true;
    try {
      for (int i = 0; i < concurrency; i++) {
        pool.execute(this::takeAndProcess);
      }
    } catch (RejectedExecutionException e) {
      // Closed before it started: nothing to run.
      running = false;
      return;
    }
    directory.subscribe(this::serve);
  }

  private void serve(Tenants tenants) {
    synchronized (consumptionLock) {
      served = tenants;
      if (running && !draining && !paused) {
        log.info("Serving the queues of {} tenants", tenants.all().size());
        consumers.serve(tenants.all(), this::accept);
      }
    }
  }

  /**
   * Follows the stores' availability: pauses consumption while one is unavailable, resumes it when
   * all are back. Messages stay in their queues meanwhile, none counted as failed.
   */
  public void storesAvailable(boolean available) {
    synchronized (consumptionLock) {
      if (available == !paused || draining) {
        return;
      }
      paused = !available;
      if (paused) {
        log.warn("Pausing consumption: a store is unavailable; messages wait in their queues");
        consumers.stopConsuming();
        releaseWaiting();
      } else if (running && served != null) {
        log.info("Resuming consumption of {} tenants' queues", served.all().size());
        consumers.serve(served.all(), this::accept);
      }
    }
  }

  /** Called on a consumer thread for each delivery: queues it for its tenant's turn. */
  private void accept(Delivery delivery) {
    inFlight.incrementAndGet();
    synchronized (waitingLock) {
      // Checked under the lock: a pause or drain releases what waits right after setting its flag.
      if (!draining && !paused && !stopped) {
        waiting.offer(key(delivery), delivery.tenant().effectiveWorkerWeight(), delivery);
        waitingLock.notify();
        return;
      }
    }
    releaseUnstarted(delivery);
  }

  private static String key(Delivery delivery) {
    return delivery.tenant().namespace() + "/" + delivery.tenant().name();
  }

  /** A pool thread: processes deliveries in fair order until the worker stops. */
  private void takeAndProcess() {
    while (true) {
      Delivery next;
      synchronized (waitingLock) {
        while ((next = waiting.poll()) == null && !stopped) {
          try {
            waitingLock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      if (next == null) {
        return;
      }
      run(next);
    }
  }

  /** Returns every delivery not yet started to its queue. */
  private void releaseWaiting() {
    List<Delivery> unstarted;
    synchronized (waitingLock) {
      unstarted = waiting.pollAll();
    }
    unstarted.forEach(this::releaseUnstarted);
  }

  private void run(Delivery delivery) {
    try {
      if (draining || paused) {
        delivery.release();
      } else {
        long started = System.nanoTime();
        try {
          processor.process(delivery);
        } finally {
          busyNanos.add(System.nanoTime() - started);
          processed.incrementAndGet();
        }
      }
    } catch (RuntimeException | Error e) {
      log.error("Processing a delivery of {} failed unexpectedly", delivery.tenant().queue(), e);
      releaseIfUnsettled(delivery);
    } finally {
      settled();
    }
  }

  /** Never leaves a delivery unsettled; one already settled keeps its settlement. */
  private static void releaseIfUnsettled(Delivery delivery) {
    try {
      delivery.release();
    } catch (RuntimeException e) {
      log.debug("Delivery of {} already settled: {}", delivery.tenant().queue(), e.toString());
    }
  }

  private void releaseUnstarted(Delivery delivery) {
    try {
      delivery.release();
    } finally {
      settled();
    }
  }

  private void settled() {
    if (inFlight.decrementAndGet() == 0) {
      synchronized (settledMonitor) {
        settledMonitor.notifyAll();
      }
    }
  }

  @Override
  public void stop() {
    drain();
  }

  @Override
  public void stop(Runnable callback) {
    Thread drainer =
        new Thread(
            () -> {
              try {
                drain();
              } finally {
                callback.run();
              }
            },
            "worker-drain");
    drainer.start();
  }

  private void drain() {
    if (!running) {
      return;
    }
    long started = System.nanoTime();
    synchronized (consumptionLock) {
      draining = true;
      log.info("Draining: {} deliveries in flight", inFlight.get());
      consumers.stopConsuming();
      releaseWaiting();
    }
    boolean drained = awaitSettled(drainTimeout);
    // Not interrupted: a batch still running after the timeout must not count as a failed attempt;
    // its settlement goes nowhere once the consumers are closed, and the broker redelivers it.
    stopThreads();
    consumers.close();
    running = false;
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (drained) {
      log.info("Drained in {} ms", millis);
    } else {
      log.warn(
          "Drain timed out after {} ms with {} deliveries unsettled; the broker redelivers them",
          millis,
          inFlight.get());
    }
  }

  private boolean awaitSettled(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (settledMonitor) {
      while (inFlight.get() > 0) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(settledMonitor, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** Stops the pool when the context closes without having drained (e.g. a failed start). */
  public void close() {
    stopThreads();
  }

  /** Lets idle pool threads end; one processing a delivery ends after it. */
  private void stopThreads() {
    synchronized (waitingLock) {
      stopped = true;
      waitingLock.notifyAll();
    }
    pool.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Last to start and first to stop, so the management port still answers while draining. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
