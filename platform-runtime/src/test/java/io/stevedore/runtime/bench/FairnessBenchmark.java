package io.stevedore.runtime.bench;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * {@code ./stevedore bench fairness}: one worker process (the runtime jar, as a pod runs it)
 * serving 10 tenants of equal weight on this machine's RabbitMQ. First the quiet nine send alone
 * (solo phase), then the same nine plus a noisy tenant sending 20× their rate, beyond the worker's
 * measured capacity. Compares the quiet tenants' p95 end-to-end latency (publish to processing-log
 * time) and p95 oldest-message age between the two phases, and computes Jain's index of each
 * tenant's throughput relative to its weighted max-min fair share during the noisy phase.
 *
 * <p>A batch counts as processed when its processing-log row appears, seen by polling the log every
 * 10 ms ({@link ProcessingLogWatch}): the log's own {@code processed_at} has whole seconds only on
 * MariaDB through Connector/J. The polling adds up to ~10 ms plus a query to every latency, alike
 * in both phases.
 *
 * <p>System properties: {@code bench.fairness.jar} (the runtime jar the worker runs, default this
 * module's), {@code bench.fairness.seconds} (per phase, default 40), {@code
 * bench.fairness.concurrency} (worker threads, default 2), {@code bench.fairness.quiet-load} (quiet
 * tenants' rate as a fraction of capacity, each, default 0.08: the noisy tenant then sends 1.6×
 * capacity).
 */
public class FairnessBenchmark implements Benchmark {
  private static final int QUIET = 9;
  private static final int NOISE_FACTOR = 20;
  private static final int EVENTS_PER_BATCH = 20;
  private static final int CALIBRATION_BATCHES = 400;
  private static final int NOISY_BACKLOG_SECONDS = 60;
  private static final Duration PHASE =
      Duration.ofSeconds(Long.getLong("bench.fairness.seconds", 40));
  private static final int CONCURRENCY = Integer.getInteger("bench.fairness.concurrency", 2);
  private static final double QUIET_LOAD =
      Double.parseDouble(System.getProperty("bench.fairness.quiet-load", "0.08"));
  private static final Path JAR =
      Path.of(System.getProperty("bench.fairness.jar", "target/stevedore-platform-runtime.jar"));

  /** A batch published: whose, and when (epoch millis). */
  private record Sent(String tenant, String batchId, long atMillis) {}

  @Override
  public String run() throws Exception {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("no runtime jar at " + JAR.toAbsolutePath());
    }
    try (var platform = WorkerTestPlatform.start()) {
      TestTenant noisy = platform.addTenant("noisy");
      List<TestTenant> quiet = new ArrayList<>();
      for (int i = 1; i <= QUIET; i++) {
        quiet.add(platform.addTenant("quiet-" + i));
      }
      // The calibration backlog waits before the worker starts, so its drain rate is capacity.
      publishBacklog(platform, noisy, 0, CALIBRATION_BATCHES);
      Process worker = WorkerProcess.start(platform, JAR, CONCURRENCY);
      try (var watch = new ProcessingLogWatch(platform.jdbc(), platform.tenants.namespace())) {
        // A first backlog warms the worker up (JIT); the second one's drain rate is its capacity.
        awaitProcessed(watch, CALIBRATION_BATCHES);
        List<Sent> measured =
            publishBacklog(platform, noisy, CALIBRATION_BATCHES, CALIBRATION_BATCHES);
        awaitProcessed(watch, 2 * CALIBRATION_BATCHES);
        double capacity = drainRate(watch.processed(), measured);
        double quietRate = QUIET_LOAD * capacity;
        double noisyRate = NOISE_FACTOR * quietRate;
        System.out.printf(
            "fairness benchmark: jar %s, worker concurrency %d, capacity %.1f batches/s of %d"
                + " events; quiet tenants %.2f/s each, noisy %.1f/s (%.0f%% of capacity),"
                + " phases of %d s%n",
            JAR.getFileName(),
            CONCURRENCY,
            capacity,
            EVENTS_PER_BATCH,
            quietRate,
            noisyRate,
            100 * noisyRate / capacity,
            PHASE.toSeconds());
        System.out.flush();

        long soloStart = System.currentTimeMillis();
        List<Sent> solo = send(platform, quiet, quietRate, null, 0);
        long soloEnd = System.currentTimeMillis();
        awaitProcessed(watch, 2 * CALIBRATION_BATCHES + solo.size());

        // A backlog of a minute of capacity as well, so the noisy tenant saturates the worker even
        // if the machine's load made the calibration low.
        List<Sent> loud =
            new ArrayList<>(
                publishBacklog(
                    platform,
                    noisy,
                    2 * CALIBRATION_BATCHES,
                    (int) (NOISY_BACKLOG_SECONDS * capacity)));
        long noisyStart = System.currentTimeMillis();
        loud.addAll(send(platform, quiet, quietRate, noisy, noisyRate));
        long noisyEnd = System.currentTimeMillis();
        long quietSent = loud.stream().filter(s -> !s.tenant().equals("noisy")).count();
        await()
            .atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> watch.processedOf(t -> !t.equals("noisy")) >= solo.size() + quietSent);
        List<ProcessingLogWatch.Processed> log = watch.processed();
        return report(solo, soloStart, soloEnd, loud, noisyStart, noisyEnd, log, capacity);
      } finally {
        worker.destroy();
        if (!worker.waitFor(40, TimeUnit.SECONDS)) {
          worker.destroyForcibly();
        }
      }
    }
  }

  private static String report(
      List<Sent> solo,
      long soloStart,
      long soloEnd,
      List<Sent> loud,
      long noisyStart,
      long noisyEnd,
      List<ProcessingLogWatch.Processed> log,
      double capacity) {
    Map<String, Long> processedAt = new HashMap<>();
    log.forEach(p -> processedAt.put(p.tenant() + "/" + p.batchId(), p.atMillis()));
    List<Sent> loudQuiet = loud.stream().filter(s -> !s.tenant().equals("noisy")).toList();
    double soloP95 = FairnessMeasures.quantile(latencies(solo, processedAt), 0.95);
    double loudP95 = FairnessMeasures.quantile(latencies(loudQuiet, processedAt), 0.95);
    double soloAge =
        FairnessMeasures.quantile(oldestAges(solo, processedAt, soloStart, soloEnd), 0.95);
    double loudAge =
        FairnessMeasures.quantile(oldestAges(loudQuiet, processedAt, noisyStart, noisyEnd), 0.95);

    // Throughput shares while everyone sends: what each tenant got of what the worker processed.
    List<String> tenants = new ArrayList<>();
    tenants.add("noisy");
    for (int i = 1; i <= QUIET; i++) {
      tenants.add("quiet-" + i);
    }
    double seconds = (noisyEnd - noisyStart) / 1000.0;
    double[] demand = new double[tenants.size()];
    double[] achieved = new double[tenants.size()];
    double[] weights = new double[tenants.size()];
    for (int i = 0; i < tenants.size(); i++) {
      String tenant = tenants.get(i);
      weights[i] = 1;
      // The noisy tenant is backlogged all along: it would take whatever it is given.
      demand[i] =
          i == 0
              ? Double.POSITIVE_INFINITY
              : loud.stream().filter(s -> s.tenant().equals(tenant)).count() / seconds;
      achieved[i] =
          log.stream()
                  .filter(p -> p.tenant().equals(tenant))
                  .filter(p -> p.atMillis() >= noisyStart && p.atMillis() < noisyEnd)
                  .count()
              / seconds;
    }
    double total = 0;
    for (double a : achieved) {
      total += a;
    }
    double[] fair = FairnessMeasures.maxMinFair(total, demand, weights);
    double jain = FairnessMeasures.jain(achieved, fair);
    double noisyShare = total == 0 ? 0 : achieved[0] / total;
    var noisySent =
        loud.stream()
            .filter(s -> s.tenant().equals("noisy"))
            .map(Sent::batchId)
            .collect(java.util.stream.Collectors.toSet());
    long noisyLeft =
        noisySent.size()
            - log.stream()
                .filter(p -> p.atMillis() < noisyEnd && noisySent.contains(p.batchId()))
                .count();
    System.out.printf(
        "noisy backlog at the end of the phase: %d batches (%s)%n",
        noisyLeft,
        noisyLeft > 0 ? "the worker was saturated throughout" : "NOT saturated: result invalid");
    System.out.printf(
        "solo: %d quiet batches, p95 latency %.0f ms, p95 oldest-message age %.0f ms%n",
        solo.size(), soloP95, soloAge);
    System.out.printf(
        "with the noisy tenant: %d quiet batches, p95 latency %.0f ms, p95 oldest-message age %.0f"
            + " ms; %d noisy batches sent%n",
        loudQuiet.size(), loudP95, loudAge, loud.size() - loudQuiet.size());
    System.out.printf(
        "throughput %.1f batches/s (capacity measured %.1f); per tenant (noisy first): demand %s,"
            + " got %s, max-min fair %s%n",
        total,
        capacity,
        FairnessMeasures.describe(demand),
        FairnessMeasures.describe(achieved),
        FairnessMeasures.describe(fair));
    System.out.printf("oldest-message age p95 ratio %.2f%n", loudAge / Math.max(1, soloAge));
    return String.format(
        java.util.Locale.ROOT,
        "RESULT fairness %.2f ratio jain=%.3f noisy_share=%.2f tenants=%d solo_p95_ms=%.0f"
            + " noisy_p95_ms=%.0f age_ratio=%.2f",
        loudP95 / soloP95,
        jain,
        noisyShare,
        tenants.size(),
        soloP95,
        loudP95,
        loudAge / Math.max(1, soloAge));
  }

  /** Publish-to-processed milliseconds of each sent batch. */
  private static List<Double> latencies(List<Sent> sent, Map<String, Long> processedAt) {
    List<Double> latencies = new ArrayList<>();
    for (Sent s : sent) {
      Long at = processedAt.get(s.tenant() + "/" + s.batchId());
      if (at == null) {
        throw new IllegalStateException("batch " + s.batchId() + " of " + s.tenant() + " lost");
      }
      latencies.add((double) (at - s.atMillis()));
    }
    return latencies;
  }

  /**
   * Each tenant's oldest unprocessed message age, sampled every 100 ms of the phase (0 when it has
   * none waiting).
   */
  private static List<Double> oldestAges(
      List<Sent> sent, Map<String, Long> processedAt, long from, long to) {
    Map<String, List<Sent>> byTenant = new HashMap<>();
    sent.forEach(s -> byTenant.computeIfAbsent(s.tenant(), t -> new ArrayList<>()).add(s));
    List<Double> ages = new ArrayList<>();
    for (List<Sent> batches : byTenant.values()) {
      for (long t = from; t < to; t += 100) {
        long oldest = Long.MAX_VALUE;
        for (Sent s : batches) {
          long done = processedAt.get(s.tenant() + "/" + s.batchId());
          if (s.atMillis() <= t && done > t) {
            oldest = Math.min(oldest, s.atMillis());
          }
        }
        ages.add(oldest == Long.MAX_VALUE ? 0.0 : (double) (t - oldest));
      }
    }
    return ages;
  }

  /**
   * Sends for one phase: each quiet tenant at {@code quietRate} and the noisy one (if any) at its
   * rate, evenly spaced, from one thread; returns what was sent, with its time.
   */
  private static List<Sent> send(
      WorkerTestPlatform platform,
      List<TestTenant> quiet,
      double quietRate,
      TestTenant noisy,
      double noisyRate) {
    List<TestTenant> senders = new ArrayList<>(quiet);
    List<Double> rates = new ArrayList<>();
    quiet.forEach(q -> rates.add(quietRate));
    if (noisy != null) {
      senders.add(noisy);
      rates.add(noisyRate);
    }
    long start = System.nanoTime();
    long end = start + PHASE.toNanos();
    long[] next = new long[senders.size()];
    for (int i = 0; i < next.length; i++) {
      // Staggered so the quiet tenants do not all send at the same instant.
      next[i] = start + (long) (1e9 / rates.get(i) * i / next.length);
    }
    List<Sent> sent = new ArrayList<>();
    int sequence = 0;
    while (true) {
      int due = 0;
      for (int i = 1; i < next.length; i++) {
        if (next[i] < next[due]) {
          due = i;
        }
      }
      if (next[due] >= end) {
        return sent;
      }
      long wait = next[due] - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      sent.add(publish(platform, senders.get(due), sequence++));
      next[due] += (long) (1e9 / rates.get(due));
    }
  }

  private static Sent publish(WorkerTestPlatform platform, TestTenant tenant, int sequence) {
    EventBatch batch = batch(tenant, sequence);
    platform.broker.publish(tenant.entry().queue(), EventBatchCodec.encode(batch));
    return new Sent(tenant.name(), batch.batchId(), batch.receivedAt().toEpochMilli());
  }

  /**
   * {@code count} batches at once, with one confirm: a backlog that lands faster than it drains.
   */
  private static List<Sent> publishBacklog(
      WorkerTestPlatform platform, TestTenant tenant, int firstSequence, int count) {
    List<EventBatch> batches = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batches.add(batch(tenant, firstSequence + i));
    }
    platform.broker.publish(
        tenant.entry().queue(), batches.stream().map(EventBatchCodec::encode).toList(), Map.of());
    return batches.stream()
        .map(b -> new Sent(tenant.name(), b.batchId(), b.receivedAt().toEpochMilli()))
        .toList();
  }

  private static EventBatch batch(TestTenant tenant, int sequence) {
    return new EventBatch(
        UUID.randomUUID().toString(),
        tenant.name(),
        tenant.entry().namespace(),
        Instant.now(),
        TestBatches.locations(sequence * EVENTS_PER_BATCH, EVENTS_PER_BATCH));
  }

  /** Batches per second over the drain of the {@code measured} backlog, first to last. */
  private static double drainRate(List<ProcessingLogWatch.Processed> log, List<Sent> measured) {
    var ids = new java.util.HashSet<String>();
    measured.forEach(m -> ids.add(m.batchId()));
    long[] times =
        log.stream().filter(p -> ids.contains(p.batchId())).mapToLong(p -> p.atMillis()).toArray();
    long first = java.util.Arrays.stream(times).min().orElseThrow();
    long last = java.util.Arrays.stream(times).max().orElseThrow();
    return (times.length - 1) / Math.max(0.001, (last - first) / 1000.0);
  }

  private static void awaitProcessed(ProcessingLogWatch watch, int count) {
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> watch.processedOf(t -> true) >= count);
  }
}
