package io.stevedore.runtime.ingest;

import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EncodedEvents;
import io.stevedore.runtime.web.ApiProblem;
import io.stevedore.runtime.web.ApiProblem.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a POST /v1/events body in one streaming pass and checks it against the ingest rules; bodies
 * of the common shape take a faster pass of their own ({@link EventBatchScanner}). Pure: the caller
 * passes the time. A body that is not JSON is a 400 problem saying where it stopped being JSON;
 * otherwise the result is the events, or every field that was wrong, each named by a JSON pointer.
 * Payloads stay the JSON text the device sent ({@link RawJsonPayload}).
 *
 * <p>A batch holds 1 to maxBatchEvents events; each event's fields follow {@link EventFieldRules};
 * a (deviceId, eventId) pair seen earlier in the batch is a duplicate, as event ids are unique per
 * device. Other fields are ignored.
 */
public final class EventBatchReader {
  private static final JsonMapper JSON = JsonMapper.shared();

  /** What reading found: the events to publish, or what was wrong. */
  public sealed interface Result permits Valid, Invalid {}

  /** Every event passed; the list writes itself in its queue form (EventBatchCodec). */
  public record Valid(List<DeviceEvent> events) implements Result {}

  /**
   * Something was wrong.
   *
   * @param events how many events the batch held (0 when there was no events array)
   * @param errors each wrong field
   */
  public record Invalid(int events, List<FieldError> errors) implements Result {}

  private final int maxBatchEvents;
  private final Duration maxEventAge;
  private final Duration maxClockSkew;

  public EventBatchReader(int maxBatchEvents, Duration maxEventAge, Duration maxClockSkew) {
    this.maxBatchEvents = maxBatchEvents;
    this.maxEventAge = maxEventAge;
    this.maxClockSkew = maxClockSkew;
  }

  /** Reads and checks {@code body} at time {@code now}; throws a 400 problem if it is not JSON. */
  public Result read(byte[] body, Instant now) {
    if (body.length == 0) {
      throw ApiProblem.malformed("The request body is empty; expected a JSON object");
    }
    var rules = new EventFieldRules(now.minus(maxEventAge), now.plus(maxClockSkew));
    EncodedEvents encoded = EventBatchScanner.scan(body, maxBatchEvents, rules);
    return encoded != null ? new Valid(encoded) : readStreaming(body, rules);
  }

  /** Reads any body with Jackson's parser: the path that decides, and explains what is wrong. */
  Result readStreaming(byte[] body, EventFieldRules rules) {
    try (JsonParser parser = JSON.createParser(body)) {
      try {
        var reading = new Reading(parser, body, rules);
        Result result = reading.batch();
        if (parser.nextToken() != null) {
          throw ApiProblem.malformed(
              "Unexpected content after the JSON object, at line %d, column %d"
                  .formatted(
                      parser.currentTokenLocation().getLineNr(),
                      parser.currentTokenLocation().getColumnNr()));
        }
        return result;
      } catch (JacksonException e) {
        throw ApiProblem.malformed(describe(e, parser));
      }
    }
  }

  /** The state of reading one body. */
  private final class Reading {
    private final JsonParser parser;
    private final byte[] body;
    private final EventFieldRules rules;
    private final List<FieldError> errors = new ArrayList<>();

    Reading(JsonParser parser, byte[] body, EventFieldRules rules) {
      this.parser = parser;
      this.body = body;
      this.rules = rules;
    }

    Result batch() {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return invalid(0, "", "must be a JSON object with an `events` array");
      }
      List<DeviceEvent> events = null;
      int count = 0;
      boolean eventsNotAnArray = false;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        JsonToken value = parser.nextToken();
        if ("events".equals(parser.currentName()) && value == JsonToken.START_ARRAY) {
          events = new ArrayList<>();
          count = events(events);
        } else {
          eventsNotAnArray |= "events".equals(parser.currentName());
          parser.skipChildren();
        }
      }
      if (eventsNotAnArray) {
        return invalid(0, "/events", "must be an array of events");
      }
      if (events == null) {
        return invalid(0, "/events", "is required");
      }
      if (count == 0) {
        return invalid(0, "/events", "must hold at least one event");
      }
      if (count > maxBatchEvents) {
        return invalid(
            count,
            "/events",
            "holds %d events; a batch holds at most %d".formatted(count, maxBatchEvents));
      }
      return errors.isEmpty()
          ? new Valid(new DeviceEventList(events))
          : new Invalid(count, List.copyOf(errors));
    }

    /** Reads the events array into {@code events}; returns how many elements it had. */
    private int events(List<DeviceEvent> events) {
      Set<List<String>> seen = new HashSet<>();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (index < maxBatchEvents) {
          DeviceEvent event = event(index, seen);
          if (event != null) {
            events.add(event);
          }
        } else {
          parser.skipChildren(); // only counted: the batch is refused for its size
        }
        index++;
      }
      return index;
    }

    private DeviceEvent event(int index, Set<List<String>> seen) {
      var at = new EventFieldRules.At(index);
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        parser.skipChildren();
        errors.add(new FieldError(at.pointer(), "must be an object"));
        return null;
      }
      Object deviceId = null;
      Object eventId = null;
      Object timestamp = null;
      Object type = null;
      Object payload = null;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "deviceId" -> deviceId = string(value);
          case "eventId" -> eventId = string(value);
          case "timestamp" -> timestamp = string(value);
          case "type" -> type = string(value);
          case "payload" -> payload = payload(value);
          default -> parser.skipChildren();
        }
      }
      int errorsBefore = errors.size();
      var event =
          new DeviceEvent(
              rules.deviceId(deviceId, at, errors),
              rules.id(eventId, at, "eventId", errors),
              rules.timestamp(timestamp, at, errors),
              rules.type(type, at, errors),
              rules.payload(payload, at, errors));
      if (event.deviceId() != null
          && event.eventId() != null
          && !seen.add(List.of(event.deviceId(), event.eventId()))) {
        errors.add(at.error("eventId", "duplicates an earlier event of the same device"));
      }
      return errors.size() == errorsBefore ? event : null;
    }

    /** A string value as a String, null as null, anything else as WRONG_TYPE. */
    private Object string(JsonToken value) {
      return switch (value) {
        case VALUE_STRING -> parser.getString();
        case VALUE_NULL -> null;
        default -> {
          parser.skipChildren();
          yield EventFieldRules.WRONG_TYPE;
        }
      };
    }

    /** An object value as its JSON text, null as null, anything else as WRONG_TYPE. */
    private Object payload(JsonToken value) {
      if (value == JsonToken.VALUE_NULL) {
        return null;
      }
      if (value != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return EventFieldRules.WRONG_TYPE;
      }
      int start = (int) parser.currentTokenLocation().getByteOffset();
      parser.skipChildren();
      int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
      return new RawJsonPayload(new String(body, start, end - start, StandardCharsets.UTF_8));
    }
  }

  private static Invalid invalid(int events, String pointer, String detail) {
    return new Invalid(events, List.of(new FieldError(pointer, detail)));
  }

  private static String describe(JacksonException e, JsonParser parser) {
    TokenStreamLocation location =
        e.getLocation() != null ? e.getLocation() : parser.currentLocation();
    String pointer = parser.streamReadContext().pathAsPointer().toString();
    return "Malformed JSON at line %d, column %d%s: %s"
        .formatted(
            location.getLineNr(),
            location.getColumnNr(),
            pointer.isEmpty() ? "" : " (" + pointer + ")",
            e.getOriginalMessage());
  }
}
