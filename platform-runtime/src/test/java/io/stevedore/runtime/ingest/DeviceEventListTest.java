package io.stevedore.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-writing event list puts the same bytes on the queue as the codec's own serializer. */
class DeviceEventListTest {

  private static final List<DeviceEvent> EVENTS =
      List.of(
          new DeviceEvent(
              "d1",
              "e1",
              Instant.parse("2025-05-01T12:00:00Z"),
              "location",
              new RawJsonPayload("{\"lat\":52.1,\"tags\":[\"a\",null]}")),
          new DeviceEvent(
              "d\"2\u00e9",
              "e2",
              Instant.parse("2025-05-01T12:00:00.000123Z"),
              "door.open",
              Map.of("open", true)),
          new DeviceEvent("d3", "e3", Instant.parse("2025-05-01T12:00:00.5Z"), "ping", Map.of()));

  @Test
  void writesExactlyWhatTheCodecWritesForAPlainList() {
    byte[] plain = EventBatchCodec.encode(batch(EVENTS));
    byte[] fast = EventBatchCodec.encode(batch(new DeviceEventList(EVENTS)));

    assertThat(new String(fast)).isEqualTo(new String(plain));
  }

  @Test
  void decodesToTheSameBatch() {
    var batch = batch(new DeviceEventList(EVENTS));

    assertThat(EventBatchCodec.decode(EventBatchCodec.encode(batch))).isEqualTo(batch(EVENTS));
  }

  private static EventBatch batch(List<DeviceEvent> events) {
    return new EventBatch("b1", "acme", "ns", Instant.parse("2025-05-01T12:00:01Z"), events);
  }
}
