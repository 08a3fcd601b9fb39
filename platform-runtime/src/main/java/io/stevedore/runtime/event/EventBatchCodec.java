package io.stevedore.runtime.event;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The wire format of an EventBatch on the queue: JSON, UTF-8. */
public final class EventBatchCodec {
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private EventBatchCodec() {}

  public static byte[] encode(EventBatch batch) {
    return JSON.writeValueAsBytes(batch);
  }

  public static EventBatch decode(byte[] body) {
    return JSON.readValue(body, EventBatch.class);
  }
}
