package io.stevedore.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem in chunks, retrying what DynamoDB leaves unprocessed, a bounded number of times.
 */
class RecordWriterTest {

  /** Takes all but {@code leaveUnprocessed} items of each call, recording call sizes. */
  private static final class FakeDynamoDb implements DynamoDbClient {
    final List<Integer> callSizes = new ArrayList<>();
    final List<Map<String, AttributeValue>> stored = new ArrayList<>();
    int leaveUnprocessed;
    int callsLeavingSome = Integer.MAX_VALUE;

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      List<WriteRequest> requests = request.requestItems().get("table");
      callSizes.add(requests.size());
      int keep = callSizes.size() <= callsLeavingSome ? leaveUnprocessed : 0;
      int taken = Math.max(0, requests.size() - keep);
      requests.subList(0, taken).forEach(r -> stored.add(r.putRequest().item()));
      var rest = requests.subList(taken, requests.size());
      return BatchWriteItemResponse.builder()
          .unprocessedItems(rest.isEmpty() ? Map.of() : Map.of("table", rest))
          .build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  private final FakeDynamoDb dynamo = new FakeDynamoDb();
  private final RecordWriter writer = new RecordWriter(dynamo, 25, Duration.ofMillis(1));

  @Test
  void writesInChunksOfTwentyFive() {
    writer.write("table", items(60));

    assertThat(dynamo.callSizes).containsExactly(25, 25, 10);
    assertThat(dynamo.stored).hasSize(60);
  }

  @Test
  void retriesUnprocessedItemsUntilAllAreStored() {
    dynamo.leaveUnprocessed = 5;
    dynamo.callsLeavingSome = 2;

    writer.write("table", items(20));

    assertThat(dynamo.callSizes).containsExactly(20, 5, 5);
    assertThat(dynamo.stored).containsExactlyInAnyOrderElementsOf(items(20));
  }

  @Test
  void givesUpAfterABoundedNumberOfCalls() {
    dynamo.leaveUnprocessed = 1;

    assertThatThrownBy(() -> writer.write("table", items(3)))
        .isInstanceOf(RecordWriter.UnprocessedItemsException.class)
        .hasMessage("1 items still unprocessed by table table after 8 calls");
    assertThat(dynamo.callSizes).hasSize(8);
  }

  private static List<Map<String, AttributeValue>> items(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> Map.of("deviceId", AttributeValue.fromS("d" + i)))
        .toList();
  }
}
