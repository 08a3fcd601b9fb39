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
  private final int length;
  private final int size;
  private volatile List<DeviceEvent> decoded;

  /**
   * @param json the events as EventBatchCodec writes a list of DeviceEvents, from its start
   * @param length how many bytes of {@code json} they take
   * @param size how many events it holds
   */
  public EncodedEvents(byte[] json, int length, int size) {
    this.json = json;
    this.length = length;
    this.size = size;
  }

  /** Copies the JSON array into {@code message} at {@code at}; returns where it ends. */
  int copyTo(byte[] message, int at) {
    System.arraycopy(json, 0, message, at, length);
    return at + length;
  }

  /** How many bytes the JSON array takes. */
  int length() {
    return length;
  }

  @Override
  public DeviceEvent get(int index) {
    List<DeviceEvent> events = decoded;
    if (events == null) {
      events = List.copyOf(JsonMapper.shared().readValue(json, 0, length, EVENTS));
      decoded = events;
    }
    return events.get(index);
  }

  @Override
  public int size() {
    return size;
  }
}
