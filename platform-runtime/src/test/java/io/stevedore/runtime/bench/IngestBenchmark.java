package io.stevedore.runtime.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmCallback;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.stevedore.contract.RabbitQueueSettings;
import io.stevedore.contract.TenantQueues;
import io.stevedore.runtime.RunningRuntime;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.testing.TestTenants;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.json.JsonMapper;

/**
 * `./stevedore bench ingest`: events/s through `POST /v1/events` (batches of 100 events, each
 * answered after the broker's confirm), against raw amqp-client publishing with asynchronous
 * confirms of the same messages to the same queue, measured in the same run on the same machine.
 *
 * <p>Fair by construction: both phases publish to the same queue (declared with the production
 * default arguments: a quorum queue), messages of the same size with the same properties
 * (persistent, mandatory, message id, timestamp, tenant header), each counted once the broker
 * confirmed it; both keep the same number of batches in flight: raw with 2 publishers of up to 64
 * unconfirmed messages each, ingest with 128 HTTP/1.1 keep-alive clients, each waiting for its 202.
 * Both phases' load generators run in this JVM on the same cores as what they measure, so each
 * phase prints, per batch, the CPU of this JVM, of its load threads alone (the raw publishers; the
 * HTTP clients), and of the broker, and the RESULT line carries them. The ingest phase warms up
 * longer: the JIT needs about half a minute for the Spring, Tomcat and AMQP code on the request
 * path, and a long-running server is what is measured. The queue is purged between phases. Settings
 * (system properties, seconds): bench.raw.warmup (5), bench.ingest.warmup (40), bench.measure (15);
 * bench.raw.publishers (2), bench.raw.window (64), bench.clients (publishers x window).
 */
public final class IngestBenchmark implements Benchmark {
  private static final int BATCH = 100;
  private static final int DISTINCT_BATCHES = 32;
  private static final Duration RAW_WARMUP = seconds("bench.raw.warmup", 5);
  private static final Duration INGEST_WARMUP = seconds("bench.ingest.warmup", 40);
  private static final Duration MEASURE = seconds("bench.measure", 15);
  private static final int RAW_PUBLISHERS = Integer.getInteger("bench.raw.publishers", 2);
  private static final int RAW_WINDOW = Integer.getInteger("bench.raw.window", 64);
  private static final int HTTP_CLIENTS =
      Integer.getInteger("bench.clients", RAW_PUBLISHERS * RAW_WINDOW);

  @Override
  public String run() throws Exception {
    var tenants = new TestTenants(Files.createTempDirectory("ingest-bench"));
    TestTenant tenant = tenants.add("bench", 1_000_000);
    String queue = tenant.queues().main();
    List<List<DeviceEvent>> batches = batches();
    var factory = new ConnectionFactory();
    factory.setUri("amqp://guest:guest@127.0.0.1:5672");
    try (Connection admin = factory.newConnection("bench-admin");
        Channel channel = admin.createChannel()) {
      channel.queueDeclare(
          queue, true, false, false, RabbitQueueSettings.DEFAULT.mainArguments(tenant.queues()));
      try {
        Phase raw = raw(factory, tenant, batches);
        System.out.printf(
            Locale.ROOT, "raw amqp-client: %.0f events/s%n", raw.batchesPerSecond() * BATCH);
        channel.queuePurge(queue);
        Phase ingest = ingest(tenants, tenant, batches);
        System.out.printf(
            Locale.ROOT, "ingest over HTTP: %.0f events/s%n", ingest.batchesPerSecond() * BATCH);
        return String.format(
            Locale.ROOT,
            "RESULT ingest %.0f events/s ratio=%.2f raw=%.0f batch=%d cpu_us_per_batch=%d"
                + " load_us_per_batch=%d raw_cpu_us_per_batch=%d broker_us_per_batch=%d"
                + " raw_broker_us_per_batch=%d",
            ingest.batchesPerSecond() * BATCH,
            ingest.batchesPerSecond() / raw.batchesPerSecond(),
            raw.batchesPerSecond() * BATCH,
            BATCH,
            ingest.ownMicros(),
            ingest.loadMicros(),
            raw.jvmMicros(),
            ingest.brokerMicros(),
            raw.brokerMicros());
      } finally {
        channel.queueDelete(queue);
      }
    }
  }

  /** Publishers with a window of unconfirmed messages each, as a tuned raw client would. */
  private static Phase raw(
      ConnectionFactory factory, TestTenant tenant, List<List<DeviceEvent>> batches)
      throws Exception {
    List<byte[]> messages = new ArrayList<>();
    for (List<DeviceEvent> events : batches) {
      messages.add(
          EventBatchCodec.encode(
              new EventBatch(
                  UUID.randomUUID().toString(),
                  tenant.name(),
                  tenant.entry().namespace(),
                  Instant.now(),
                  events)));
    }
    var properties =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .messageId(UUID.randomUUID().toString())
            .timestamp(new Date())
            .headers(Map.of(TenantQueues.TENANT_HEADER, tenant.name()))
            .build();
    LongAdder confirmed = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> publishers = new ArrayList<>();
    try (Connection connection = factory.newConnection("bench-raw")) {
      for (int p = 0; p < RAW_PUBLISHERS; p++) {
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        Semaphore window = new Semaphore(RAW_WINDOW);
        ConcurrentSkipListSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
        ConfirmCallback ack =
            (seqNo, multiple) -> confirmed.add(settle(unconfirmed, window, seqNo, multiple));
        ConfirmCallback nack = (seqNo, multiple) -> settle(unconfirmed, window, seqNo, multiple);
        channel.addConfirmListener(ack, nack);
        int offset = p;
        Thread publisher =
            new Thread(
                () -> {
                  try {
                    for (int i = offset; !stop.get(); i++) {
                      window.acquire();
                      unconfirmed.add(channel.getNextPublishSeqNo());
                      channel.basicPublish(
                          "",
                          tenant.queues().main(),
                          true,
                          properties,
                          messages.get(i % messages.size()));
                    }
                  } catch (Exception e) {
                    if (!stop.get()) {
                      e.printStackTrace();
                    }
                  }
                },
                "raw-publisher-" + p);
        publisher.start();
        publishers.add(publisher);
      }
      Phase measured = measure("raw", RAW_WARMUP, confirmed, publishers);
      stop.set(true);
      for (Thread publisher : publishers) {
        publisher.join(5_000);
      }
      return measured;
    }
  }

  /** Ends the wait for confirm {@code seqNo} (and earlier ones if multiple); returns how many. */
  private static int settle(
      ConcurrentSkipListSet<Long> unconfirmed, Semaphore window, long seqNo, boolean multiple) {
    int settled = 0;
    if (multiple) {
      var head = unconfirmed.headSet(seqNo, true);
      settled = head.size();
      head.clear();
    } else if (unconfirmed.remove(seqNo)) {
      settled = 1;
    }
    window.release(settled);
    return settled;
  }

  /** The runtime in role ingest, in this process, with clients POSTing over keep-alive sockets. */
  private static Phase ingest(
      TestTenants tenants, TestTenant tenant, List<List<DeviceEvent>> batches) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    for (List<DeviceEvent> events : batches) {
      bodies.add(requestBody(events));
    }
    Map<String, String> environment =
        Map.of(
            "STEVEDORE_ROLE", "ingest",
            "STEVEDORE_TENANTS_FILE", tenants.file().toString(),
            "LOGGING_LEVEL_ROOT", "WARN");
    try (RunningRuntime runtime = RunningRuntime.start(environment)) {
      int port =
          Integer.parseInt(runtime.context.getEnvironment().getProperty("local.server.port"));
      var server = new InetSocketAddress("127.0.0.1", port);
      LongAdder accepted = new LongAdder();
      LongAdder refused = new LongAdder();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < HTTP_CLIENTS; c++) {
        int offset = c;
        Thread client =
            new Thread(
                () -> {
                  try (var connection = new KeepAliveHttpConnection(server)) {
                    for (int i = offset; !stop.get(); i++) {
                      byte[] body = bodies.get(i % bodies.size());
                      int status = connection.post("/v1/events", tenant.apiKey(), body);
                      (status == 202 ? accepted : refused).increment();
                    }
                  } catch (Exception e) {
                    if (!stop.get()) {
                      e.printStackTrace();
                    }
                  }
                },
                "http-client-" + c);
        client.start();
        clients.add(client);
      }
      Phase measured = measure("ingest", INGEST_WARMUP, accepted, clients);
      stop.set(true);
      for (Thread client : clients) {
        client.join(10_000);
      }
      if (refused.sum() > 0) {
        System.out.println("ingest: " + refused.sum() + " requests were not answered 202");
      }
      return measured;
    }
  }

  /**
   * What a phase measured: batches per second, and CPU microseconds per batch of this JVM, of the
   * load-generating threads within it, and of the broker (-1 if not on this machine).
   */
  record Phase(double batchesPerSecond, long jvmMicros, long loadMicros, long brokerMicros) {
    /** The JVM's CPU less the load generator's: what the measured side itself costs. */
    long ownMicros() {
      return jvmMicros - loadMicros;
    }
  }

  /**
   * Waits out the warm-up, then measures how fast {@code counter} grows and the CPU it costs; the
   * {@code load} threads are the ones generating the load (clients, publishers).
   */
  private static Phase measure(String phase, Duration warmup, LongAdder counter, List<Thread> load)
      throws InterruptedException {
    Thread.sleep(warmup.toMillis());
    long before = counter.sum();
    CpuTime cpu = CpuTime.now();
    long loadBefore = CpuTime.threads(load);
    long start = System.nanoTime();
    Thread.sleep(MEASURE.toMillis());
    long count = Math.max(1, counter.sum() - before);
    double perSecond = count * 1e9 / (System.nanoTime() - start);
    CpuTime used = CpuTime.now().minus(cpu);
    var result =
        new Phase(
            perSecond,
            used.jvmNanos() / count / 1_000,
            (CpuTime.threads(load) - loadBefore) / count / 1_000,
            used.brokerNanos() < 0 ? -1 : used.brokerNanos() / count / 1_000);
    System.out.printf(
        Locale.ROOT,
        "%s: %d batches in %ds: %.0f batches/s; CPU per batch: jvm=%dµs (load threads %dµs,"
            + " the rest %dµs) broker=%dµs%n",
        phase,
        count,
        MEASURE.toSeconds(),
        perSecond,
        result.jvmMicros(),
        result.loadMicros(),
        result.ownMicros(),
        result.brokerMicros());
    return result;
  }

  /** Batches of 100 events of 100 devices, the kind of data a fleet of trackers sends. */
  private static List<List<DeviceEvent>> batches() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<List<DeviceEvent>> batches = new ArrayList<>();
    for (int b = 0; b < DISTINCT_BATCHES; b++) {
      List<DeviceEvent> events = new ArrayList<>();
      for (int e = 0; e < BATCH; e++) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("lat", 52.37 + e * 0.001);
        payload.put("lon", 4.89 + b * 0.001);
        payload.put("speedKmh", 30 + e % 50);
        payload.put("battery", 0.5 + e % 50 / 100.0);
        payload.put("firmware", "2.4.1");
        events.add(
            new DeviceEvent(
                "tracker-" + (b * BATCH + e) % 1000,
                UUID.randomUUID().toString(),
                now.minusSeconds(e),
                "location",
                payload));
      }
      batches.add(events);
    }
    return batches;
  }

  private static byte[] requestBody(List<DeviceEvent> events) {
    List<Map<String, Object>> json = new ArrayList<>();
    for (DeviceEvent event : events) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("deviceId", event.deviceId());
      fields.put("eventId", event.eventId());
      fields.put("timestamp", event.timestamp().toString());
      fields.put("type", event.type());
      fields.put("payload", event.payload());
      json.add(fields);
    }
    return JsonMapper.shared().writeValueAsBytes(Map.of("events", json));
  }

  private static Duration seconds(String property, long defaultSeconds) {
    return Duration.ofSeconds(Long.getLong(property, defaultSeconds));
  }
}
