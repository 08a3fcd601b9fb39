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
import java.io.IOException;
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
 * phase reports, per batch, the CPU of this JVM, of its load threads alone (the raw publishers; the
 * HTTP clients), and of the broker, and the RESULT line carries them. After each phase's warm-up
 * (the ingest phase's is longer: the JIT needs about half a minute for the Spring, Tomcat and AMQP
 * code on the request path), the phases are measured in alternating windows, each alone, the queue
 * purged between them: on a machine shared with other work, load that comes and goes then falls on
 * both sides alike. Settings (system properties, seconds): bench.raw.warmup (5),
 * bench.ingest.warmup (40), bench.measure (15, per phase), bench.rounds (3 windows per phase);
 * bench.raw.publishers (2), bench.raw.window (64), bench.clients (publishers x window).
 */
public final class IngestBenchmark implements Benchmark {
  private static final int BATCH = 100;
  private static final int DISTINCT_BATCHES = 32;
  private static final Duration RAW_WARMUP = seconds("bench.raw.warmup", 5);
  private static final Duration INGEST_WARMUP = seconds("bench.ingest.warmup", 40);
  private static final Duration MEASURE = seconds("bench.measure", 15);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final Duration WINDOW = MEASURE.dividedBy(ROUNDS);
  private static final Duration RAMP = Duration.ofMillis(500);
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
    var raw = new Load("raw");
    var ingest = new Load("ingest");
    try (Connection admin = factory.newConnection("bench-admin");
        Channel channel = admin.createChannel()) {
      channel.queueDeclare(
          queue, true, false, false, RabbitQueueSettings.DEFAULT.mainArguments(tenant.queues()));
      try (Connection connection = factory.newConnection("bench-raw");
          RunningRuntime runtime = RunningRuntime.start(environment(tenants))) {
        startRaw(connection, tenant, batches, raw);
        startClients(runtime, tenant, batches, ingest);
        raw.warmUp(RAW_WARMUP);
        ingest.warmUp(INGEST_WARMUP);
        Phase rawTotal = Phase.NONE;
        Phase ingestTotal = Phase.NONE;
        for (int round = 0; round < ROUNDS; round++) {
          channel.queuePurge(queue);
          rawTotal = rawTotal.plus(raw.measure(WINDOW));
          channel.queuePurge(queue);
          ingestTotal = ingestTotal.plus(ingest.measure(WINDOW));
        }
        raw.stop();
        ingest.stop();
        return result(rawTotal, ingestTotal);
      } finally {
        channel.queueDelete(queue);
      }
    }
  }

  private static String result(Phase raw, Phase ingest) {
    for (var phase : List.of(Map.entry("raw", raw), Map.entry("ingest", ingest))) {
      System.out.printf(
          Locale.ROOT,
          "%s: %d batches in %d windows: %.0f events/s; CPU per batch: jvm=%dµs (load threads"
              + " %dµs, the rest %dµs) broker=%dµs%n",
          phase.getKey(),
          phase.getValue().batches(),
          ROUNDS,
          phase.getValue().batchesPerSecond() * BATCH,
          phase.getValue().jvmMicros(),
          phase.getValue().loadMicros(),
          phase.getValue().ownMicros(),
          phase.getValue().brokerMicros());
    }
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
  }

  /** Publishers with a window of unconfirmed messages each, as a tuned raw client would. */
  private static void startRaw(
      Connection connection, TestTenant tenant, List<List<DeviceEvent>> batches, Load load)
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
    for (int p = 0; p < RAW_PUBLISHERS; p++) {
      Channel channel = connection.createChannel();
      channel.confirmSelect();
      Semaphore window = new Semaphore(RAW_WINDOW);
      ConcurrentSkipListSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
      ConfirmCallback ack =
          (seqNo, multiple) -> load.done.add(settle(unconfirmed, window, seqNo, multiple));
      ConfirmCallback nack = (seqNo, multiple) -> settle(unconfirmed, window, seqNo, multiple);
      channel.addConfirmListener(ack, nack);
      int offset = p;
      load.start(
          "raw-publisher-" + p,
          () -> {
            for (int i = offset; !load.stopped.get(); i++) {
              load.gate.pass(load.stopped);
              window.acquire();
              unconfirmed.add(channel.getNextPublishSeqNo());
              channel.basicPublish(
                  "", tenant.queues().main(), true, properties, messages.get(i % messages.size()));
            }
          });
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

  private static Map<String, String> environment(TestTenants tenants) {
    return Map.of(
        "STEVEDORE_ROLE", "ingest",
        "STEVEDORE_TENANTS_FILE", tenants.file().toString(),
        "LOGGING_LEVEL_ROOT", "WARN");
  }

  /** HTTP/1.1 keep-alive clients POSTing to the runtime in role ingest, in this process. */
  private static void startClients(
      RunningRuntime runtime, TestTenant tenant, List<List<DeviceEvent>> batches, Load load) {
    List<byte[]> bodies = new ArrayList<>();
    for (List<DeviceEvent> events : batches) {
      bodies.add(requestBody(events));
    }
    int port = Integer.parseInt(runtime.context.getEnvironment().getProperty("local.server.port"));
    var server = new InetSocketAddress("127.0.0.1", port);
    for (int c = 0; c < HTTP_CLIENTS; c++) {
      int offset = c;
      load.start(
          "http-client-" + c,
          () -> {
            try (var connection = new KeepAliveHttpConnection(server)) {
              for (int i = offset; !load.stopped.get(); i++) {
                load.gate.pass(load.stopped);
                int status;
                try {
                  status =
                      connection.post("/v1/events", tenant.apiKey(), bodies.get(i % bodies.size()));
                } catch (IOException e) {
                  connection.close(); // an idle keep-alive connection the server closed
                  continue;
                }
                if (status == 202) {
                  load.done.increment();
                } else {
                  load.refused.increment();
                }
              }
            }
          });
    }
  }

  /** What a phase measured over its windows: batches, wall time and CPU (broker -1 if absent). */
  record Phase(long batches, long nanos, long jvmNanos, long loadNanos, long brokerNanos) {
    static final Phase NONE = new Phase(0, 0, 0, 0, 0);

    Phase plus(Phase other) {
      return new Phase(
          batches + other.batches,
          nanos + other.nanos,
          jvmNanos + other.jvmNanos,
          loadNanos + other.loadNanos,
          brokerNanos < 0 || other.brokerNanos < 0 ? -1 : brokerNanos + other.brokerNanos);
    }

    double batchesPerSecond() {
      return batches * 1e9 / Math.max(1, nanos);
    }

    long jvmMicros() {
      return jvmNanos / Math.max(1, batches) / 1_000;
    }

    long loadMicros() {
      return loadNanos / Math.max(1, batches) / 1_000;
    }

    /** The JVM's CPU less the load generator's: what the measured side itself costs. */
    long ownMicros() {
      return jvmMicros() - loadMicros();
    }

    long brokerMicros() {
      return brokerNanos < 0 ? -1 : brokerNanos / Math.max(1, batches) / 1_000;
    }
  }

  /** A phase's load-generating threads, the gate they pass, and what they count. */
  private static final class Load {
    final String name;
    final Gate gate = new Gate();
    final AtomicBoolean stopped = new AtomicBoolean();
    final LongAdder done = new LongAdder();
    final LongAdder refused = new LongAdder();
    final List<Thread> threads = new ArrayList<>();

    Load(String name) {
      this.name = name;
    }

    /** The body a thread loops in; ends quietly once stopped. */
    interface Loop {
      void run() throws Exception;
    }

    void start(String threadName, Loop loop) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  loop.run();
                } catch (Exception e) {
                  if (!stopped.get()) {
                    e.printStackTrace();
                  }
                }
              },
              threadName);
      thread.start();
      threads.add(thread);
    }

    void warmUp(Duration time) throws InterruptedException {
      gate.open();
      Thread.sleep(time.toMillis());
      gate.close();
    }

    /** Lets the load run for a window (after a short ramp) and measures it, alone. */
    Phase measure(Duration window) throws InterruptedException {
      gate.open();
      Thread.sleep(RAMP.toMillis());
      long before = done.sum();
      CpuTime cpu = CpuTime.now();
      long loadBefore = CpuTime.threads(threads);
      long start = System.nanoTime();
      Thread.sleep(window.toMillis());
      var phase =
          new Phase(
              done.sum() - before,
              System.nanoTime() - start,
              CpuTime.now().minus(cpu).jvmNanos(),
              CpuTime.threads(threads) - loadBefore,
              CpuTime.now().minus(cpu).brokerNanos());
      gate.close();
      Thread.sleep(RAMP.toMillis()); // what is in flight settles outside the next window
      System.out.printf(
          Locale.ROOT,
          "%s window: %.0f events/s, jvm=%dµs load=%dµs broker=%dµs per batch%n",
          name,
          phase.batchesPerSecond() * BATCH,
          phase.jvmMicros(),
          phase.loadMicros(),
          phase.brokerMicros());
      return phase;
    }

    void stop() throws InterruptedException {
      stopped.set(true);
      gate.open();
      for (Thread thread : threads) {
        thread.join(10_000);
      }
      if (refused.sum() > 0) {
        System.out.println(name + ": " + refused.sum() + " requests were not answered 202");
      }
    }
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
