package io.stevedore.runtime.event;

import java.util.List;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The wire format of an EventBatch on the queue: JSON, UTF-8. */
public final class EventBatchCodec {
  // Buffers pooled per thread: ingest's many request threads contended for Jackson's shared pool.
  private static final JsonMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** How an empty events array ends the batch's JSON: `events` is the record's last component. */
  private static final int EMPTY_EVENTS_TAIL = "[]}".length();

  private EventBatchCodec() {}

  public static byte[] encode(EventBatch batch) {
    if (batch.events() instanceof EncodedEvents events) {
      return encode(batch, events);
    }
    return JSON.writeValueAsBytes(batch);
  }

  /** The batch's fields, then its events copied as they are already encoded. */
  private static byte[] encode(EventBatch batch, EncodedEvents events) {
    var empty =
        new EventBatch(
            batch.batchId(), batch.tenant(), batch.namespace(), batch.receivedAt(), List.of());
    byte[] envelope = JSON.writeValueAsBytes(empty);
    int head = envelope.length - EMPTY_EVENTS_TAIL;
    byte[] message = new byte[head + events.length() + 1];
    System.arraycopy(envelope, 0, message, 0, head);
    message[events.copyTo(message, head)] = '}';
    return message;
  }

  public static EventBatch decode(byte[] body) {
    return JSON.readValue(body, EventBatch.class);
  }
}
