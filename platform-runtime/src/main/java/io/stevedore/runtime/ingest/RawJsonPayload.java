package io.stevedore.runtime.ingest;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * An event's payload kept as the JSON object text the device sent, already checked to be one. It is
 * written to the queue as that text, so a payload is never turned into maps and back on its way
 * through ingest; code that reads it as a Map gets it parsed on first access.
 */
final class RawJsonPayload extends AbstractMap<String, Object> implements JacksonSerializable {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final String json;
  private volatile Map<String, Object> parsed;

  RawJsonPayload(String json) {
    this.json = json;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> map = parsed;
    if (map == null) {
      map = Collections.unmodifiableMap(JSON.readValue(json, MAP));
      parsed = map;
    }
    return map.entrySet();
  }

  @Override
  public void serialize(JsonGenerator generator, SerializationContext context) {
    generator.writeRawValue(json);
  }

  @Override
  public void serializeWithType(
      JsonGenerator generator, SerializationContext context, TypeSerializer typeSerializer) {
    serialize(generator, context);
  }

  /** The payload's JSON text, as sent. */
  @Override
  public String toString() {
    return json;
  }
}
