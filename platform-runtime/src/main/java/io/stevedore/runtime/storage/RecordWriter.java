package io.stevedore.runtime.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes items to a table with BatchWriteItem, in chunks, retrying the items DynamoDB leaves
 * unprocessed (throttling) with jittered exponential backoff, a bounded number of times.
 */
public class RecordWriter {
  /** The most items one BatchWriteItem call takes. */
  public static final int MAX_BATCH_SIZE = 25;

  private static final int MAX_CALLS_PER_CHUNK = 8;
  private static final Duration BASE_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  private final DynamoDbClient client;
  private final int batchSize;
  private final long baseBackoffMillis;

  public RecordWriter(DynamoDbClient client, int batchSize) {
    this(client, batchSize, BASE_BACKOFF);
  }

  RecordWriter(DynamoDbClient client, int batchSize, Duration baseBackoff) {
    this.client = client;
    this.batchSize = Math.min(batchSize, MAX_BATCH_SIZE);
    this.baseBackoffMillis = baseBackoff.toMillis();
  }

  /**
   * Returns once every item is stored. Items must have distinct keys (DynamoDB refuses a call that
   * names a key twice).
   *
   * @throws UnprocessedItemsException if DynamoDB still left some unprocessed after the retries
   * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException e.g. when the table
   *     does not exist
   */
  public void write(String table, List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += batchSize) {
      writeChunk(table, items.subList(from, Math.min(items.size(), from + batchSize)));
    }
  }

  private void writeChunk(String table, List<Map<String, AttributeValue>> items) {
    List<WriteRequest> pending = new ArrayList<>(items.size());
    for (Map<String, AttributeValue> item : items) {
      pending.add(
          WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
    for (int call = 1; ; call++) {
      var requests = pending;
      pending =
          client
              .batchWriteItem(b -> b.requestItems(Map.of(table, requests)))
              .unprocessedItems()
              .getOrDefault(table, List.of());
      if (pending.isEmpty()) {
        return;
      }
      if (call == MAX_CALLS_PER_CHUNK) {
        throw new UnprocessedItemsException(table, pending.size(), call);
      }
      backOff(call);
    }
  }

  private void backOff(int call) {
    long cap = Math.min(MAX_BACKOFF.toMillis(), baseBackoffMillis << (call - 1));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while retrying unprocessed items", e);
    }
  }

  /** DynamoDB kept leaving items unprocessed: the write did not complete. */
  public static class UnprocessedItemsException extends RuntimeException {
    public UnprocessedItemsException(String table, int count, int calls) {
      super(count + " items still unprocessed by table " + table + " after " + calls + " calls");
    }
  }
}
