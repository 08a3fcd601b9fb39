package io.stevedore.runtime.query;

import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.storage.ActivityItems;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A tenant's newest events, newest first, across its devices: the workers' per-minute event
 * references ({@link ActivityItems}) are read backwards a whole minute at a time until a page is
 * full, then the page's records are fetched by key. The cursor is the last reference returned, so
 * pages neither skip nor repeat an event.
 */
class LatestEventsQuery {
  private static final int MAX_GET_CALLS = 8;

  private final DynamoDbClient dynamo;

  LatestEventsQuery(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /**
   * Events with from ≤ timestamp < to, newest first.
   *
   * @param cursor where the previous page ended, or null for the first page
   * @throws IllegalArgumentException for a cursor this API did not return
   */
  EventPage find(TenantDirectory.Entry tenant, Instant from, Instant to, int limit, String cursor) {
    String lowest = RecordTable.timestamp(from);
    String below = cursor == null ? RecordTable.timestamp(to) : Cursors.decode(cursor);
    Instant upper = cursor == null ? to : cursorTime(below);
    if (upper.isAfter(to)) {
      upper = to;
    }
    List<String> refs = new ArrayList<>();
    boolean more = false;
    try {
      for (LocalDate day = ActivityItems.day(upper);
          !day.isBefore(ActivityItems.day(from)) && !more;
          day = day.minusDays(1)) {
        more = collect(tenant, day, from, upper, lowest, below, limit, refs);
      }
    } catch (ResourceNotFoundException e) {
      return new EventPage(List.of(), null);
    }
    refs.sort(Comparator.reverseOrder());
    more |= refs.size() > limit;
    List<String> page = refs.subList(0, Math.min(limit, refs.size()));
    String next = more && !page.isEmpty() ? Cursors.encode(page.get(page.size() - 1)) : null;
    return new EventPage(records(tenant, page), next);
  }

  /**
   * Adds the day's references in [lowest, below) to {@code refs}, newest minute first; returns true
   * once more than {@code limit} are collected and the minute being read is complete.
   */
  private boolean collect(
      TenantDirectory.Entry tenant,
      LocalDate day,
      Instant from,
      Instant upper,
      String lowest,
      String below,
      int limit,
      List<String> refs) {
    var request =
        ActivityItems.minuteRange(
                tenant.table(), ActivityItems.eventsPartition(day), from, upper, ActivityItems.REFS)
            .scanIndexForward(false)
            .build();
    Instant minute = null;
    for (var item : dynamo.queryPaginator(request).items()) {
      Instant itemMinute = ActivityItems.minuteOf(item.get(RecordTable.TIME_EVENT).s());
      if (refs.size() > limit && !itemMinute.equals(minute)) {
        return true;
      }
      minute = itemMinute;
      for (AttributeValue ref : item.get(ActivityItems.REFS).l()) {
        if (ref.s().compareTo(below) < 0 && ref.s().compareTo(lowest) >= 0) {
          refs.add(ref.s());
        }
      }
    }
    return false;
  }

  /** The records of {@code refs}, in that order; a reference whose record is gone is skipped. */
  private List<EventPage.StoredEvent> records(TenantDirectory.Entry tenant, List<String> refs) {
    if (refs.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (String ref : refs) {
      int newline = ref.indexOf('\n');
      keys.add(
          Map.of(
              RecordTable.DEVICE_ID, AttributeValue.fromS(ref.substring(newline + 1)),
              RecordTable.TIME_EVENT, AttributeValue.fromS(ref.substring(0, newline))));
    }
    var pending = Map.of(tenant.table(), KeysAndAttributes.builder().keys(keys).build());
    for (int call = 0; !pending.isEmpty() && call < MAX_GET_CALLS; call++) {
      var requested = pending;
      var response = dynamo.batchGetItem(b -> b.requestItems(requested));
      for (var item : response.responses().getOrDefault(tenant.table(), List.of())) {
        found.put(
            ActivityItems.ref(
                item.get(RecordTable.TIME_EVENT).s(), item.get(RecordTable.DEVICE_ID).s()),
            item);
      }
      pending = response.unprocessedKeys();
    }
    return refs.stream()
        .map(found::get)
        .filter(item -> item != null)
        .map(EventQuery::event)
        .toList();
  }

  /** The time of the event a cursor points at. */
  private static Instant cursorTime(String ref) {
    try {
      return Instant.parse(ref.substring(0, ref.indexOf('#')));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor is not one this API returned");
    }
  }
}
