package io.stevedore.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.event.DeviceEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The dashboard's index items: per device, and per minute the counts by type and references. */
class ActivityItemsTest {
  private static final Instant T = Instant.parse("2026-11-20T23:59:10Z");
  private static final List<DeviceEvent> EVENTS =
      List.of(
          event("truck-1", "e1", T, "location"),
          event("truck-1", "e2", T.plusSeconds(20), "temperature"),
          event("truck-2", "e3", T.plusSeconds(30), "location"),
          event("truck-2", "e4", T.plusSeconds(55), "location"));

  @Test
  void indexesDevicesAndPerMinuteCountsAndReferencesInTheMinutesDayPartition() {
    var items = ActivityItems.of(EVENTS, T, 30);

    assertThat(keys(items, ActivityItems.DEVICES)).containsExactly("truck-1", "truck-2");
    var lastMinute = only(items, ActivityItems.countsPartition(LocalDate.parse("2026-11-20")));
    assertThat(lastMinute.get(RecordTable.TIME_EVENT).s()).startsWith("2026-11-20T23:59#");
    assertThat(lastMinute.get(ActivityItems.COUNTS).m())
        .isEqualTo(Map.of("location", n(2), "temperature", n(1)));
    var nextDay = only(items, ActivityItems.countsPartition(LocalDate.parse("2026-11-21")));
    assertThat(nextDay.get(ActivityItems.COUNTS).m()).isEqualTo(Map.of("location", n(1)));
    var refs = only(items, ActivityItems.eventsPartition(LocalDate.parse("2026-11-21")));
    assertThat(refs.get(ActivityItems.REFS).l())
        .containsExactly(AttributeValue.fromS("2026-11-21T00:00:05.000Z#e4\ntruck-2"));
    assertThat(refs.get(RecordTable.TIME_EVENT)).isEqualTo(nextDay.get(RecordTable.TIME_EVENT));
    assertThat(nextDay.get(RecordTable.EXPIRES_AT).n())
        .isEqualTo(Long.toString(Instant.parse("2026-12-21T00:00:00Z").getEpochSecond()));
  }

  @Test
  void theSameEventsInAnyOrderGiveTheSameItemsSoARedeliveryOverwritesThem() {
    List<DeviceEvent> reversed = new ArrayList<>(EVENTS);
    Collections.reverse(reversed);

    assertThat(ActivityItems.of(reversed, T, 30))
        .containsExactlyInAnyOrderElementsOf(ActivityItems.of(EVENTS, T, 30));
  }

  @Test
  void otherEventsInTheSameMinuteGetAnItemOfTheirOwn() {
    var first = ActivityItems.of(EVENTS.subList(0, 2), T, 30);
    var other = ActivityItems.of(EVENTS.subList(2, 3), T, 30);
    String partition = ActivityItems.countsPartition(LocalDate.parse("2026-11-20"));

    assertThat(keys(first, partition)).doesNotContainAnyElementsOf(keys(other, partition));
  }

  private static DeviceEvent event(String device, String id, Instant at, String type) {
    return new DeviceEvent(device, id, at, type, Map.of());
  }

  private static AttributeValue n(int value) {
    return AttributeValue.fromN(Integer.toString(value));
  }

  private static List<String> keys(List<Map<String, AttributeValue>> items, String partition) {
    return items.stream()
        .filter(item -> item.get(RecordTable.DEVICE_ID).s().equals(partition))
        .map(item -> item.get(RecordTable.TIME_EVENT).s())
        .toList();
  }

  private static Map<String, AttributeValue> only(
      List<Map<String, AttributeValue>> items, String partition) {
    var matching =
        items.stream()
            .filter(item -> item.get(RecordTable.DEVICE_ID).s().equals(partition))
            .toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
