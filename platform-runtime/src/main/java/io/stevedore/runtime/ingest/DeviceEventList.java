package io.stevedore.runtime.ingest;

import io.stevedore.runtime.event.DeviceEvent;
import java.util.AbstractList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * The events of an accepted batch, as a list that writes itself: exactly the JSON that
 * EventBatchCodec writes for DeviceEvents, but without Jackson's per-property reflection and
 * java.time's formatter, which together were a third of ingest's CPU time per batch. Payloads read
 * from the request ({@link RawJsonPayload}) are copied as sent.
 */
final class DeviceEventList extends AbstractList<DeviceEvent> implements JacksonSerializable {
  private static final SerializableString DEVICE_ID = new SerializedString("deviceId");
  private static final SerializableString EVENT_ID = new SerializedString("eventId");
  private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
  private static final SerializableString TYPE = new SerializedString("type");
  private static final SerializableString PAYLOAD = new SerializedString("payload");

  private final List<DeviceEvent> events;

  DeviceEventList(List<DeviceEvent> events) {
    this.events = List.copyOf(events);
  }

  @Override
  public DeviceEvent get(int index) {
    return events.get(index);
  }

  @Override
  public int size() {
    return events.size();
  }

  @Override
  public void serialize(JsonGenerator generator, SerializationContext context) {
    generator.writeStartArray();
    for (DeviceEvent event : events) {
      generator.writeStartObject();
      generator.writeName(DEVICE_ID);
      generator.writeString(event.deviceId());
      generator.writeName(EVENT_ID);
      generator.writeString(event.eventId());
      generator.writeName(TIMESTAMP);
      generator.writeString(IsoTimestamps.format(event.timestamp()));
      generator.writeName(TYPE);
      generator.writeString(event.type());
      generator.writeName(PAYLOAD);
      if (event.payload() instanceof RawJsonPayload payload) {
        payload.serialize(generator, context);
      } else {
        context.writeValue(generator, event.payload());
      }
      generator.writeEndObject();
    }
    generator.writeEndArray();
  }

  @Override
  public void serializeWithType(
      JsonGenerator generator, SerializationContext context, TypeSerializer typeSerializer) {
    serialize(generator, context);
  }
}
