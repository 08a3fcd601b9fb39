package io.stevedore.runtime.storage;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.event.DeviceEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The dashboard's index items in a tenant's record table, under reserved partitions so that ingest
 * never accepts and the events query never serves them. The workers write them with the records;
 * per minute, a batch's items are keyed by a digest of the events they index, so a redelivered
 * batch, or the same events re-sent by a client as a new batch, overwrites them: nothing is counted
 * twice.
 *
 * <ul>
 *   <li>{@code #devices}, sort key the device id: one item per device the tenant has;
 *   <li>{@code #counts#<day>}, sort key {@code <minute>#<digest>}: those events counted per type (a
 *       map), so a time range is one Query per day, never a scan;
 *   <li>{@code #events#<day>}, same sort key: references ({@code timeEvent}, device) to those
 *       events, so the latest events are found without reading every device's partition.
 * </ul>
 */
public final class ActivityItems {
  public static final String DEVICES = RecordTable.RESERVED_DEVICE_PREFIX + "devices";
  public static final String COUNTS = "counts";
  public static final String REFS = "refs";

  /** Sorts after '#' and before any digit: "<minute>$" is above every key of that minute. */
  public static final char MINUTE_END = '$';

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
  private static final String UNTYPED = "untyped";

  private ActivityItems() {}

  /** The partition of the per-minute counts of {@code day} (UTC). */
  public static String countsPartition(LocalDate day) {
    return RecordTable.RESERVED_DEVICE_PREFIX + "counts#" + day;
  }

  /** The partition of the per-minute event references of {@code day} (UTC). */
  public static String eventsPartition(LocalDate day) {
    return RecordTable.RESERVED_DEVICE_PREFIX + "events#" + day;
  }

  /** The minute of {@code instant}, as sort keys start with it. */
  public static String minute(Instant instant) {
    return MINUTE.format(instant);
  }

  /** The minute a count or events item's sort key starts with. */
  public static Instant minuteOf(String sortKey) {
    return Instant.parse(sortKey.substring(0, 16) + ":00Z");
  }

  public static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A reference to a stored event: its sort key and device, as the events partitions hold it. */
  public static String ref(String timeEvent, String deviceId) {
    return timeEvent + '\n' + deviceId;
  }

  /**
   * The index items of {@code stored}, the events a batch wrote (each once), expiring with them:
   * their devices, and per minute their counts by type and their references.
   */
  public static List<Map<String, AttributeValue>> of(
      List<DeviceEvent> stored, Instant receivedAt, int retentionDays) {
    Set<String> devices = new LinkedHashSet<>();
    Map<Instant, Map<String, Integer>> counts = new TreeMap<>();
    Map<Instant, List<String>> refs = new TreeMap<>();
    for (DeviceEvent event : stored) {
      Instant minute = event.timestamp().truncatedTo(ChronoUnit.MINUTES);
      devices.add(event.deviceId());
      String type = event.type() == null ? UNTYPED : event.type();
      counts.computeIfAbsent(minute, m -> new TreeMap<>()).merge(type, 1, Integer::sum);
      refs.computeIfAbsent(minute, m -> new ArrayList<>())
          .add(ref(RecordTable.timeEvent(event.timestamp(), event.eventId()), event.deviceId()));
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (String device : devices) {
      items.add(item(DEVICES, device, expiry(receivedAt, retentionDays)));
    }
    counts.forEach(
        (minute, byType) -> {
          var item =
              item(
                  countsPartition(day(minute)),
                  key(minute, refs.get(minute)),
                  expiry(minute, retentionDays));
          Map<String, AttributeValue> map = new HashMap<>();
          byType.forEach((type, n) -> map.put(type, AttributeValue.fromN(n.toString())));
          item.put(COUNTS, AttributeValue.fromM(map));
          items.add(item);
        });
    refs.forEach(
        (minute, list) -> {
          var item =
              item(eventsPartition(day(minute)), key(minute, list), expiry(minute, retentionDays));
          item.put(
              REFS,
              AttributeValue.fromL(list.stream().sorted().map(AttributeValue::fromS).toList()));
          items.add(item);
        });
    return items;
  }

  /**
   * A Query of one reserved partition's items from the minute of {@code from} to that of {@code
   * to}, both whole, reading only the sort key and {@code attribute}.
   */
  public static QueryRequest.Builder minuteRange(
      String table, String partition, Instant from, Instant to, String attribute) {
    return QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("#d = :d AND #t BETWEEN :from AND :to")
        .expressionAttributeNames(
            Map.of("#d", RecordTable.DEVICE_ID, "#t", RecordTable.TIME_EVENT, "#a", attribute))
        .expressionAttributeValues(
            Map.of(
                ":d", AttributeValue.fromS(partition),
                ":from", AttributeValue.fromS(minute(from) + "#"),
                ":to", AttributeValue.fromS(minute(to) + MINUTE_END)))
        .projectionExpression("#t, #a");
  }

  /** The minute, then a digest of the (sorted) references: the same events, the same key. */
  static String key(Instant minute, List<String> refs) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    refs.stream()
        .sorted()
        .forEach(ref -> sha256.update((ref + '\n').getBytes(StandardCharsets.UTF_8)));
    return minute(minute) + "#" + HexFormat.of().formatHex(sha256.digest(), 0, 16);
  }

  private static Instant expiry(Instant from, int retentionDays) {
    return retentionDays > 0 && from != null ? from.plus(Duration.ofDays(retentionDays)) : null;
  }

  private static Map<String, AttributeValue> item(
      String partition, String sortKey, Instant expiry) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(RecordTable.DEVICE_ID, AttributeValue.fromS(partition));
    item.put(RecordTable.TIME_EVENT, AttributeValue.fromS(sortKey));
    if (expiry != null) {
      item.put(
          RecordTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiry.getEpochSecond())));
    }
    return item;
  }
}
