package io.stevedore.runtime.query;

import io.stevedore.contract.RecordTable;
import io.stevedore.contract.TenantDirectory;
import io.stevedore.runtime.storage.ActivityItems;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Events per minute and type over a time range: one Query per day of the range on the workers'
 * per-batch count items ({@link ActivityItems}), summed here; never a scan.
 */
class EventCountsQuery {
  private final DynamoDbClient dynamo;

  EventCountsQuery(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** Counts of the minutes that start in [from, to). */
  EventCounts find(TenantDirectory.Entry tenant, Instant from, Instant to) {
    Instant first = from.truncatedTo(ChronoUnit.MINUTES);
    if (first.isBefore(from)) {
      first = first.plus(Duration.ofMinutes(1));
    }
    int size = (int) Math.max(0, Duration.between(first, to.minusNanos(1)).toMinutes() + 1);
    Map<String, long[]> byType = new TreeMap<>();
    if (size > 0) {
      Instant last = first.plus(Duration.ofMinutes(size - 1));
      for (LocalDate day = ActivityItems.day(first);
          !day.isAfter(ActivityItems.day(last));
          day = day.plusDays(1)) {
        add(tenant, day, first, last, size, byType);
      }
    }
    List<Long> minutes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      minutes.add(first.plus(Duration.ofMinutes(i)).getEpochSecond());
    }
    Map<String, List<Long>> counts = new TreeMap<>();
    byType.forEach((type, column) -> counts.put(type, Arrays.stream(column).boxed().toList()));
    return new EventCounts(first.toString(), to.toString(), minutes, counts);
  }

  private void add(
      TenantDirectory.Entry tenant,
      LocalDate day,
      Instant first,
      Instant last,
      int size,
      Map<String, long[]> byType) {
    var request =
        ActivityItems.minuteRange(
                tenant.table(),
                ActivityItems.countsPartition(day),
                first,
                last,
                ActivityItems.COUNTS)
            .build();
    try {
      for (var item : dynamo.queryPaginator(request).items()) {
        Instant minute = ActivityItems.minuteOf(item.get(RecordTable.TIME_EVENT).s());
        int index = (int) Duration.between(first, minute).toMinutes();
        item.get(ActivityItems.COUNTS)
            .m()
            .forEach(
                (type, n) ->
                    byType.computeIfAbsent(type, t -> new long[size])[index] +=
                        Long.parseLong(n.n()));
      }
    } catch (ResourceNotFoundException e) {
      // Provisioned with the tenant; not there yet means nothing counted yet.
    }
  }
}
