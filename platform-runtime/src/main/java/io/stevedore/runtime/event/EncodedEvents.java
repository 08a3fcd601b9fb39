package io.stevedore.runtime.event;

import java.util.AbstractList;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events already in their queue form: the JSON array {@link EventBatchCodec} writes for them, which
 * it copies as is. Code that reads them as DeviceEvents gets them decoded on first access.
 */
public final class EncodedEvents extends AbstractList<DeviceEvent> {
  private static final TypeReference<List<DeviceEvent>> EVENTS = new TypeReference<>() {};

  private final byte[] json;
  private final int size;
  private volatile List<DeviceEvent> decoded;

  /**
   * @param json the events as EventBatchCodec writes a list of DeviceEvents
   * @param size how many events it holds
   */
  public EncodedEvents(byte[] json, int size) {
    this.json = json;
    this.size = size;
  }

  /** The JSON array; not to be modified. */
  byte[] json() {
    return json;
  }

  @Override
  public DeviceEvent get(int index) {
    List<DeviceEvent> events = decoded;
    if (events == null) {
      events = List.copyOf(JsonMapper.shared().readValue(json, EVENTS));
      decoded = events;
    }
    return events.get(index);
  }

  @Override
  public int size() {
    return size;
  }
}
