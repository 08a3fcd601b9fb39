package io.stevedore.runtime.testing;

import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Event batches as ingest puts them on a tenant's queue. */
public final class TestBatches {
  public static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  private TestBatches() {}

  public static EventBatch batch(TenantDirectory.Entry tenant, List<DeviceEvent> events) {
    return new EventBatch(
        UUID.randomUUID().toString(), tenant.name(), tenant.namespace(), Instant.now(), events);
  }

  public static byte[] encoded(TenantDirectory.Entry tenant, List<DeviceEvent> events) {
    return EventBatchCodec.encode(batch(tenant, events));
  }

  public static DeviceEvent event(String deviceId, String type, Map<String, Object> payload) {
    return new DeviceEvent(deviceId, UUID.randomUUID().toString(), Instant.now(), type, payload);
  }

  /**
   * {@code count} location events of 10 devices, numbered from {@code first} (payload "seq"), one
   * millisecond apart: the shape of a fleet's traffic.
   */
  public static List<DeviceEvent> locations(int first, int count) {
    List<DeviceEvent> events = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("seq", i);
      payload.put("latitude", 52.0 + (i % 1000) / 10_000.0);
      payload.put("longitude", 4.5 + (i % 777) / 10_000.0);
      payload.put("speed", i % 120);
      payload.put("driver", "driver-" + (i % 50));
      events.add(
          new DeviceEvent(
              "device-" + (i % 10), "evt-" + i, START.plusMillis(i), "location", payload));
    }
    return events;
  }

  /** {@code events} cut into batches of {@code size}, encoded. */
  public static List<byte[]> encodedBatches(
      TenantDirectory.Entry tenant, List<DeviceEvent> events, int size) {
    List<byte[]> batches = new ArrayList<>();
    for (int from = 0; from < events.size(); from += size) {
      batches.add(encoded(tenant, events.subList(from, Math.min(events.size(), from + size))));
    }
    return batches;
  }
}
