package io.stevedore.runtime.bench;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.storage.RecordItems;
import io.stevedore.runtime.testing.TestBatches;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import io.stevedore.runtime.worker.QueueWorker;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code ./stevedore bench worker}: events/s from a full tenant queue into DynamoDB Local through
 * the worker (consume, decode, rules, BatchWriteItem, processing log, ack), against raw
 * BatchWriteItem calls writing the same items at the same concurrency in the same run.
 *
 * <p>System properties: {@code bench.worker.events} (default 50,000), {@code
 * bench.worker.concurrency} (default 8, both for the worker and the baseline), {@code
 * bench.worker.rounds} (default 3).
 */
public class WorkerBenchmark implements Benchmark {
  private static final int EVENTS = Integer.getInteger("bench.worker.events", 50_000);
  private static final int CONCURRENCY = Integer.getInteger("bench.worker.concurrency", 8);
  private static final int EVENTS_PER_MESSAGE = 100;
  private static final int CHUNK = 25;
  private static final int ROUNDS = Integer.getInteger("bench.worker.rounds", 3);

  @Override
  public String run() throws Exception {
    // DynamoDB Local logs every request at INFO: that would cost both phases, unequally.
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    try (var platform = WorkerTestPlatform.start();
        var client =
            DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .region(Region.EU_WEST_1)
                .endpointOverride(URI.create(platform.dynamo.endpoint()))
                .build()) {
      List<DeviceEvent> events = TestBatches.locations(0, EVENTS);
      System.out.printf(
          "worker benchmark: %,d events, %d per message, concurrency %d, best of %d rounds%n",
          EVENTS, EVENTS_PER_MESSAGE, CONCURRENCY, ROUNDS);
      platform.addTenant("idle");
      ConfigurableApplicationContext worker =
          platform.startWorker(
              Map.of(
                  "STEVEDORE_WORKER_CONCURRENCY",
                  String.valueOf(CONCURRENCY),
                  "LOGGING_LEVEL_ROOT",
                  "WARN"));
      // Rounds alternate, so that JIT warm-up (DynamoDB Local's above all) and the machine's
      // other load do not favour either side; the best round of each is compared.
      double raw = 0;
      double throughWorker = 0;
      for (int round = 1; round <= ROUNDS; round++) {
        raw = Math.max(raw, rawWrite(client, platform.provision("raw-" + round), events));
        throughWorker =
            Math.max(throughWorker, throughWorker(platform, worker, "bench-" + round, events));
      }
      return String.format(
          "RESULT worker %.0f events/s ratio=%.2f raw=%.0f events=%d",
          throughWorker, throughWorker / raw, raw, EVENTS);
    }
  }

  /**
   * Raw BatchWriteItem of the events' items (built beforehand), CONCURRENCY calls at a time,
   * through a client built as the runtime builds its own.
   */
  private static double rawWrite(
      DynamoDbClient client, TenantDirectory.Entry tenant, List<DeviceEvent> events)
      throws Exception {
    Instant receivedAt = Instant.now();
    var chunks = new ConcurrentLinkedQueue<List<WriteRequest>>();
    for (int from = 0; from < events.size(); from += CHUNK) {
      List<WriteRequest> chunk = new ArrayList<>(CHUNK);
      for (DeviceEvent event : events.subList(from, Math.min(events.size(), from + CHUNK))) {
        var item = RecordItems.item(event, receivedAt, tenant.retentionDays());
        chunk.add(
            WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      }
      chunks.add(chunk);
    }
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    long started = System.nanoTime();
    List<Future<?>> writers = new ArrayList<>();
    for (int i = 0; i < CONCURRENCY; i++) {
      writers.add(
          pool.submit(
              () -> {
                for (var chunk = chunks.poll(); chunk != null; chunk = chunks.poll()) {
                  var pending = chunk;
                  while (!pending.isEmpty()) {
                    var requests = pending;
                    pending =
                        client
                            .batchWriteItem(b -> b.requestItems(Map.of(tenant.table(), requests)))
                            .unprocessedItems()
                            .getOrDefault(tenant.table(), List.of());
                  }
                }
              }));
    }
    for (Future<?> writer : writers) {
      writer.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    double rate = events.size() / seconds;
    System.out.printf(
        "raw BatchWriteItem (%s): %,d events in %.2f s = %.0f events/s%n",
        tenant.name(), events.size(), seconds, rate);
    return rate;
  }

  /**
   * Fills a new tenant's queue, then times the running worker from the moment the tenant appears in
   * its directory until every event is stored and every message acked.
   */
  private static double throughWorker(
      WorkerTestPlatform platform,
      ConfigurableApplicationContext worker,
      String name,
      List<DeviceEvent> events) {
    TenantDirectory.Entry tenant = platform.provision(name);
    platform.broker.publish(
        tenant.queue(), TestBatches.encodedBatches(tenant, events, EVENTS_PER_MESSAGE), Map.of());
    MeterRegistry meters = worker.getBean(MeterRegistry.class);
    QueueWorker queueWorker = worker.getBean(QueueWorker.class);

    long started = System.nanoTime();
    var added = platform.tenants.add(name, 1000);
    await()
        .atMost(Duration.ofMinutes(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> stored(meters, name) >= events.size() && queueWorker.inFlight() == 0);
    double seconds = (System.nanoTime() - started) / 1e9;
    double rate = events.size() / seconds;
    int items = platform.itemCount(added);
    System.out.printf(
        "worker (%s): %,d events in %.2f s = %.0f events/s; %,d items stored, %d messages left%n",
        name, events.size(), seconds, rate, items, platform.broker.ready(tenant.queue()));
    if (items != events.size()) {
      throw new IllegalStateException("the worker did not store every event exactly once");
    }
    return rate;
  }

  private static double stored(MeterRegistry meters, String tenant) {
    Counter counter =
        meters
            .find("stevedore.worker.events")
            .tags("tenant", tenant, "outcome", "stored")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
