package io.stevedore.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.testing.TestTenants.TestTenant;
import io.stevedore.runtime.testing.WorkerTestPlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test data for the dashboard, stored by a real worker from batches on the tenants' RabbitMQ
 * queues: acme's five events over three minutes and three devices, its first batch delivered three
 * times (redelivered, and re-sent by a client as a new batch), and globex's one event under a
 * device id acme also has.
 */
public final class DashboardData {
  public static final String GLOBEX_SECRET = "globex-secret-cargo";

  /** Acme's events newest first: what the latest-events view lists. */
  public static final List<String> ACME_NEWEST_FIRST = List.of("a5", "a4", "a3", "a2", "a1");

  private DashboardData() {}

  /**
   * Stores the events with timestamps from {@code start} (a whole minute) on; returns when done.
   */
  public static void store(
      WorkerTestPlatform platform,
      ConfigurableApplicationContext worker,
      TestTenant acme,
      TestTenant globex,
      Instant start) {
    var first =
        List.of(
            event("truck-1", "a1", start.plusSeconds(10), "location"),
            event("truck-1", "a2", start.plusSeconds(20), "temperature"),
            event("truck-2", "a3", start.plusSeconds(70), "location"));
    var second =
        List.of(
            event("truck-2", "a4", start.plusSeconds(80), "temperature"),
            event("truck-3", "a5", start.plusSeconds(130), "location"));
    publish(platform, acme, "batch-1", first);
    publish(platform, acme, "batch-2", second);
    publish(platform, acme, "batch-1", first);
    publish(platform, acme, "batch-1-resent", first);
    publish(
        platform,
        globex,
        "globex-batch",
        List.of(
            new DeviceEvent(
                "truck-1",
                "g1",
                start.plusSeconds(15),
                "location",
                Map.of("cargo", GLOBEX_SECRET))));
    var meters = worker.getBean(MeterRegistry.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(stored(meters, acme)).isEqualTo(3 + 2 + 3 + 3);
              assertThat(stored(meters, globex)).isEqualTo(1);
            });
  }

  static DeviceEvent event(String device, String id, Instant at, String type) {
    return new DeviceEvent(device, id, at, type, Map.of("seq", Integer.parseInt(id.substring(1))));
  }

  static void publish(
      WorkerTestPlatform platform, TestTenant tenant, String batchId, List<DeviceEvent> events) {
    var batch =
        new EventBatch(batchId, tenant.name(), tenant.entry().namespace(), Instant.now(), events);
    platform.broker.publish(tenant.queues().main(), EventBatchCodec.encode(batch));
  }

  private static double stored(MeterRegistry meters, TestTenant tenant) {
    var counter =
        meters
            .find("stevedore.worker.events")
            .tags("tenant", tenant.name(), "outcome", "stored")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
