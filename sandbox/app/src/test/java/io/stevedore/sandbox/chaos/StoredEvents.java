package io.stevedore.sandbox.chaos;

import io.stevedore.contract.RecordTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * What a tenant's record table holds, compared with what ingest answered 202 for: an accepted event
 * missing from the table is lost; an event stored more than once is duplicated.
 */
record StoredEvents(int accepted, int stored, int lost, int duplicated, int notAccepted) {

  /** Scans {@code table} (event ids starting with {@code prefix}) against {@code accepted}. */
  static StoredEvents of(DynamoDbClient dynamo, String table, String prefix, Set<String> accepted) {
    Map<String, Integer> copies = new HashMap<>();
    var pages =
        dynamo.scanPaginator(
            ScanRequest.builder()
                .tableName(table)
                .projectionExpression("#id")
                .expressionAttributeNames(Map.of("#id", RecordTable.EVENT_ID))
                .build());
    for (var item : pages.items()) {
      var id = item.get(RecordTable.EVENT_ID);
      if (id != null && id.s().startsWith(prefix + "-")) {
        copies.merge(id.s(), 1, Integer::sum);
      }
    }
    int lost = (int) accepted.stream().filter(id -> !copies.containsKey(id)).count();
    int duplicated = copies.values().stream().mapToInt(n -> n - 1).sum();
    int notAccepted = (int) copies.keySet().stream().filter(id -> !accepted.contains(id)).count();
    int stored = copies.values().stream().mapToInt(Integer::intValue).sum();
    return new StoredEvents(accepted.size(), stored, lost, duplicated, notAccepted);
  }
}
