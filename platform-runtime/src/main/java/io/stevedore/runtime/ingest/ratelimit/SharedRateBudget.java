package io.stevedore.runtime.ingest.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's plan shared by all ingest pods of the Environment, whatever the spread of connections:
 * each pod measures what each tenant asks of it, publishes that demand every interval on a {@link
 * DemandChannel}, and takes the allowance {@link RateShares} gives it from the last reports of
 * every live pod. Without a channel, or while its own reports do not come back, a pod enforces 1/N
 * of the plan.
 */
public final class SharedRateBudget implements TenantAllowance, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SharedRateBudget.class);

  /** Reporting intervals a demand is averaged over (one second at 250 ms). */
  static final int WINDOW_INTERVALS = 4;

  /** Intervals after which a pod whose reports stopped no longer counts as live. */
  public static final int LIVE_FOR_INTERVALS = 4;

  /** What this pod sees at the end of an interval; replaced whole, read without locks. */
  private record Snapshot(
      boolean shared, Map<String, Double> idle, Map<String, Map<String, Double>> byTenant) {
    static final Snapshot UNSHARED = new Snapshot(false, Map.of(), Map.of());
  }

  private record Received(DemandReport report, long atNanos) {}

  /** What one tenant asked of this pod in each of the last intervals. */
  private static final class Meter {
    final LongAdder current = new LongAdder();
    final long[] intervals = new long[WINDOW_INTERVALS];
    int next;

    /** Closes the current interval; returns the events asked over the window. */
    long roll() {
      intervals[next] = current.sumThenReset();
      next = (next + 1) % intervals.length;
      long sum = 0;
      for (long events : intervals) {
        sum += events;
      }
      return sum;
    }
  }

  private final String pod;
  private final int expectedPods;
  private final DemandChannel channel;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private final Map<String, Meter> meters = new ConcurrentHashMap<>();
  private final Map<String, Received> peers = new ConcurrentHashMap<>();
  private volatile long ownReportBackAt = Long.MIN_VALUE;
  private long silentSince; // since when this pod's reports have not come back; tick thread
  private volatile Snapshot snapshot = Snapshot.UNSHARED;
  private ScheduledExecutorService scheduler;

  /**
   * @param pod this pod's id, unique among the Environment's ingest pods
   * @param expectedPods the Environment's ingest replicas (STEVEDORE_INGEST_REPLICAS)
   * @param channel how reports travel between pods; null where there is none (1/N then)
   * @param nanoTime a monotonic clock ({@code System::nanoTime} outside tests)
   * @param interval how often demand is reported and allowances recomputed
   */
  public SharedRateBudget(
      String pod,
      int expectedPods,
      DemandChannel channel,
      LongSupplier nanoTime,
      Duration interval) {
    this.pod = pod;
    this.expectedPods = Math.max(1, expectedPods);
    this.channel = channel;
    this.nanoTime = nanoTime;
    this.intervalNanos = interval.toNanos();
  }

  /** Starts listening to reports and reporting every interval. */
  public void start() {
    if (channel == null) {
      return;
    }
    listen();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "ingest-rate-budget");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleAtFixedRate(
        this::tickSafely, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
  }

  /** Takes the reports the channel delivers (the timer of {@link #start} then calls tick). */
  void listen() {
    silentSince = nanoTime.getAsLong();
    channel.start(this::receive);
  }

  @Override
  public double ratePerSecond(String tenant, int planPerSecond) {
    Snapshot current = snapshot;
    var view =
        current.shared()
            ? new RateShares.View(true, current.byTenant().getOrDefault(tenant, current.idle()))
            : RateShares.View.unshared();
    return RateShares.allowance(planPerSecond, expectedPods, pod, view);
  }

  @Override
  public void asked(String tenant, int events) {
    if (channel != null) {
      meters.computeIfAbsent(tenant, t -> new Meter()).current.add(events);
    }
  }

  /** Whether this pod sees the other pods' demand (else it enforces 1/N). */
  public boolean shared() {
    return snapshot.shared();
  }

  /** Ingest pods this one heard from within the last few intervals, itself included. */
  public int livePods() {
    return snapshot.shared() ? snapshot.idle().size() : 1;
  }

  /** A report from any pod, this one included. */
  void receive(DemandReport report) {
    long now = nanoTime.getAsLong();
    if (pod.equals(report.pod())) {
      ownReportBackAt = now;
    } else {
      peers.put(report.pod(), new Received(report, now));
    }
  }

  /** Ends an interval: measures this pod's demand, reports it, and takes the latest view. */
  void tick() {
    long now = nanoTime.getAsLong();
    double windowSeconds = WINDOW_INTERVALS * intervalNanos / 1e9;
    Map<String, Double> demand = new HashMap<>();
    for (var it = meters.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      long events = entry.getValue().roll();
      if (events == 0) {
        it.remove(); // a tenant that asked nothing for a whole window is forgotten
      } else {
        demand.put(entry.getKey(), events / windowSeconds);
      }
    }
    boolean sent = channel.publish(new DemandReport(pod, demand));
    long liveSince = now - LIVE_FOR_INTERVALS * intervalNanos;
    peers.values().removeIf(received -> received.atNanos() < liveSince);
    boolean shared = sent && ownReportBackAt >= liveSince && ownReportBackAt != Long.MIN_VALUE;
    if (!sent) {
      silentSince = now; // silence counts only while reports go out
    } else if (!shared && Math.max(ownReportBackAt, silentSince) < liveSince) {
      channel.reconnect(); // published but nothing came back for a while: a binding is gone
      silentSince = now;
    }
    Snapshot next = shared ? view(demand) : Snapshot.UNSHARED;
    if (next.shared() != snapshot.shared()) {
      if (next.shared()) {
        log.info(
            "Sharing tenants' rate budgets with the other ingest pods ({} seen so far)",
            next.idle().size() - 1);
      } else {
        log.warn(
            "Cannot see the other ingest pods' demand: enforcing 1/{} of every tenant's plan",
            expectedPods);
      }
    }
    snapshot = next;
  }

  private Snapshot view(Map<String, Double> ownDemand) {
    Set<String> pods = new HashSet<>(peers.keySet());
    pods.add(pod);
    Map<String, Double> idle = new HashMap<>();
    pods.forEach(p -> idle.put(p, 0.0));
    Map<String, Map<String, Double>> byTenant = new HashMap<>();
    ownDemand.forEach((tenant, rate) -> demandOf(byTenant, idle, tenant).put(pod, rate));
    peers.forEach(
        (peer, received) ->
            received
                .report()
                .demand()
                .forEach((tenant, rate) -> demandOf(byTenant, idle, tenant).put(peer, rate)));
    Map<String, Map<String, Double>> frozen = new HashMap<>();
    byTenant.forEach((tenant, demand) -> frozen.put(tenant, Map.copyOf(demand)));
    return new Snapshot(true, Map.copyOf(idle), Map.copyOf(frozen));
  }

  private static Map<String, Double> demandOf(
      Map<String, Map<String, Double>> byTenant, Map<String, Double> idle, String tenant) {
    return byTenant.computeIfAbsent(tenant, t -> new HashMap<>(idle));
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Rate budget interval failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (channel != null) {
      channel.close();
    }
  }
}
