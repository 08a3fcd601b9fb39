package io.stevedore.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.event.DeviceEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An event becomes a record-table item keyed for idempotent writes, with its payload as a map. */
class RecordItemsTest {
  private static final Instant AT = Instant.parse("2026-05-06T07:08:09.5Z");
  private static final Instant RECEIVED = Instant.parse("2026-05-06T07:08:10.123456Z");

  @Test
  void keysTheItemByDeviceAndMillisecondTimestampWithEventId() {
    var item = RecordItems.item(event(Map.of()), RECEIVED, 30);

    assertThat(item)
        .containsEntry(RecordTable.DEVICE_ID, AttributeValue.fromS("dev-7"))
        .containsEntry(
            RecordTable.TIME_EVENT, AttributeValue.fromS("2026-05-06T07:08:09.500Z#evt-1"))
        .containsEntry(RecordTable.EVENT_ID, AttributeValue.fromS("evt-1"))
        .containsEntry(RecordTable.TYPE, AttributeValue.fromS("location"))
        .containsEntry(RecordTable.TIMESTAMP, AttributeValue.fromS("2026-05-06T07:08:09.500Z"))
        .containsEntry(RecordTable.RECEIVED_AT, AttributeValue.fromS("2026-05-06T07:08:10.123Z"))
        .containsEntry(
            RecordTable.EXPIRES_AT,
            AttributeValue.fromN(String.valueOf(AT.plusSeconds(30 * 86_400).getEpochSecond())));
  }

  @Test
  void writesTheSameItemForTheSameEventWhenRedeliveredLater() {
    var first = RecordItems.item(event(Map.of("a", 1)), RECEIVED, 30);
    var again = RecordItems.item(event(Map.of("a", 1)), RECEIVED.plusSeconds(60), 30);

    assertThat(again.get(RecordTable.DEVICE_ID)).isEqualTo(first.get(RecordTable.DEVICE_ID));
    assertThat(again.get(RecordTable.TIME_EVENT)).isEqualTo(first.get(RecordTable.TIME_EVENT));
  }

  @Test
  void neverExpiresWithoutRetention() {
    assertThat(RecordItems.item(event(Map.of()), RECEIVED, 0))
        .doesNotContainKey(RecordTable.EXPIRES_AT);
  }

  @Test
  void storesThePayloadAsANestedMapOfJsonValues() {
    Map<String, Object> payload = new HashMap<>();
    payload.put("text", "hi");
    payload.put("int", 42);
    payload.put("long", 9_007_199_254_740_993L);
    payload.put("big", new BigInteger("123456789012345678901234567890"));
    payload.put("double", 1.0E10);
    payload.put("small", 0.000125);
    payload.put("flag", true);
    payload.put("nothing", null);
    payload.put("list", Arrays.asList(1, "two", null));
    payload.put("nested", Map.of("deep", Map.of("x", 1.5)));

    var stored = RecordItems.item(event(payload), RECEIVED, 30).get(RecordTable.PAYLOAD).m();

    assertThat(stored)
        .containsEntry("text", AttributeValue.fromS("hi"))
        .containsEntry("int", AttributeValue.fromN("42"))
        .containsEntry("long", AttributeValue.fromN("9007199254740993"))
        .containsEntry("big", AttributeValue.fromN("123456789012345678901234567890"))
        .containsEntry("double", AttributeValue.fromN("10000000000"))
        .containsEntry("small", AttributeValue.fromN("0.000125"))
        .containsEntry("flag", AttributeValue.fromBool(true))
        .containsEntry("nothing", AttributeValue.fromNul(true))
        .containsEntry(
            "list",
            AttributeValue.fromL(
                List.of(
                    AttributeValue.fromN("1"),
                    AttributeValue.fromS("two"),
                    AttributeValue.fromNul(true))))
        .containsEntry(
            "nested",
            AttributeValue.fromM(
                Map.of("deep", AttributeValue.fromM(Map.of("x", AttributeValue.fromN("1.5"))))));
  }

  private static DeviceEvent event(Map<String, Object> payload) {
    return new DeviceEvent("dev-7", "evt-1", AT, "location", payload);
  }
}
