package io.stevedore.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.ingest.EventBatchReader.Invalid;
import io.stevedore.runtime.ingest.EventBatchReader.Valid;
import io.stevedore.runtime.web.ApiProblem;
import io.stevedore.runtime.web.ApiProblem.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of a batch, as a table of request bodies and the pointers they are rejected at. */
class EventBatchReaderTest {
  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
  private static final EventBatchReader READER =
      new EventBatchReader(3, Duration.ofDays(7), Duration.ofMinutes(5));

  private static final Map<String, String> GOOD_FIELDS = new LinkedHashMap<>();

  static {
    GOOD_FIELDS.put("deviceId", "\"d1\"");
    GOOD_FIELDS.put("eventId", "\"e1\"");
    GOOD_FIELDS.put("timestamp", "\"2025-05-01T11:59:00Z\"");
    GOOD_FIELDS.put("type", "\"location\"");
    GOOD_FIELDS.put("payload", "{\"lat\":1.5}");
  }

  private static final String GOOD = with("eventId", "\"e1\"");

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        rejected("not an object", "[]", "", "must be a JSON object with an `events` array"),
        rejected("no events", "{}", "/events", "is required"),
        rejected("events not an array", "{\"events\":{}}", "/events", "must be an array"),
        rejected("no event", "{\"events\":[]}", "/events", "at least one event"),
        rejected(
            "too many events",
            batch(event("e1"), event("e2"), event("e3"), event("e4")),
            "/events",
            "holds 4 events; a batch holds at most 3"),
        rejected("event not an object", batch("42"), "/events/0", "must be an object"),
        rejected("missing deviceId", batch(without("deviceId")), "/events/0/deviceId", "required"),
        rejected("missing eventId", batch(without("eventId")), "/events/0/eventId", "required"),
        rejected(
            "missing timestamp", batch(without("timestamp")), "/events/0/timestamp", "required"),
        rejected("missing type", batch(without("type")), "/events/0/type", "required"),
        rejected(
            "blank deviceId", batch(with("deviceId", "\"  \"")), "/events/0/deviceId", "blank"),
        rejected(
            "deviceId of the platform's own items",
            batch(with("deviceId", "\"#stevedore\"")),
            "/events/0/deviceId",
            "reserved"),
        rejected(
            "eventId too long",
            batch(with("eventId", "\"" + "x".repeat(129) + "\"")),
            "/events/0/eventId",
            "at most 128 characters"),
        rejected("numeric id", batch(with("eventId", "7")), "/events/0/eventId", "a string"),
        rejected(
            "type with capitals",
            batch(with("type", "\"Location\"")),
            "/events/0/type",
            "must match"),
        rejected(
            "type starting with a digit",
            batch(with("type", "\"1st\"")),
            "/events/0/type",
            "must match"),
        rejected(
            "type with a space", batch(with("type", "\"a b\"")), "/events/0/type", "must match"),
        rejected(
            "type of 65 characters",
            batch(with("type", "\"" + "t".repeat(65) + "\"")),
            "/events/0/type",
            "must match"),
        rejected("empty type", batch(with("type", "\"\"")), "/events/0/type", "must match"),
        rejected(
            "timestamp without offset",
            batch(with("timestamp", "\"2025-05-01T11:59:00\"")),
            "/events/0/timestamp",
            "ISO-8601"),
        rejected(
            "timestamp not a date",
            batch(with("timestamp", "\"yesterday\"")),
            "/events/0/timestamp",
            "ISO-8601"),
        rejected(
            "timestamp older than 7 days",
            batch(with("timestamp", "\"2025-04-24T11:59:59Z\"")),
            "/events/0/timestamp",
            "older than"),
        rejected(
            "timestamp beyond clock skew",
            batch(with("timestamp", "\"2025-05-01T12:05:01Z\"")),
            "/events/0/timestamp",
            "check the device clock"),
        rejected(
            "payload not an object",
            batch(with("payload", "[1]")),
            "/events/0/payload",
            "must be an object"),
        rejected(
            "same event twice",
            batch(event("e1"), event("e1")),
            "/events/1/eventId",
            "duplicates an earlier event"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void rejectsWithAPointerToTheWrongField(String name, String body, FieldError expected) {
    var result = READER.read(bytes(body), NOW);

    assertThat(result).isInstanceOf(Invalid.class);
    assertThat(((Invalid) result).errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.pointer()).isEqualTo(expected.pointer());
              assertThat(error.detail()).contains(expected.detail());
            });
  }

  @Test
  void reportsEveryWrongFieldOfEveryEvent() {
    String body =
        batch(
            event("e1"),
            "{\"deviceId\":\"\",\"eventId\":\"e2\",\"timestamp\":\"soon\",\"type\":\"x\"}",
            "{\"deviceId\":\"d1\",\"eventId\":\"e3\",\"timestamp\":\"2025-05-01T11:00:00Z\"}");

    var result = (Invalid) READER.read(bytes(body), NOW);

    assertThat(result.events()).isEqualTo(3);
    assertThat(result.errors())
        .extracting(FieldError::pointer)
        .containsExactly("/events/1/deviceId", "/events/1/timestamp", "/events/2/type");
  }

  @Test
  void acceptsEventsAtTheEdgesOfTheTimeWindowAndWithOffsets() {
    String body =
        batch(
            with("timestamp", "\"2025-04-24T12:00:00Z\""),
            with("timestamp", "\"2025-05-01T12:05:00Z\"").replace("\"e1\"", "\"e2\""),
            with("timestamp", "\"2025-05-01T13:30:00.250+02:00\"").replace("\"e1\"", "\"e3\""));

    var result = (Valid) READER.read(bytes(body), NOW);

    assertThat(result.events())
        .extracting(DeviceEvent::timestamp)
        .containsExactly(
            Instant.parse("2025-04-24T12:00:00Z"),
            Instant.parse("2025-05-01T12:05:00Z"),
            Instant.parse("2025-05-01T11:30:00.250Z"));
  }

  @Test
  void turnsAValidBatchIntoDeviceEvents() {
    var result =
        (Valid)
            READER.read(bytes(batch(GOOD, without("payload").replace("\"e1\"", "\"e2\""))), NOW);

    assertThat(result.events())
        .containsExactly(
            new DeviceEvent(
                "d1", "e1", Instant.parse("2025-05-01T11:59:00Z"), "location", Map.of("lat", 1.5)),
            new DeviceEvent(
                "d1", "e2", Instant.parse("2025-05-01T11:59:00Z"), "location", Map.of()));
  }

  @Test
  void theSameEventIdFromTwoDevicesIsNoDuplicate() {
    String body = batch(GOOD, GOOD.replace("\"d1\"", "\"d2\""));

    assertThat(READER.read(bytes(body), NOW)).isInstanceOf(Valid.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "location", "temp.celsius", "door-open_2", "z0.-_"})
  void acceptsEventTypesOfThePattern(String type) {
    String body = batch(with("type", "\"" + type + "\""));

    assertThat(READER.read(bytes(body), NOW)).isInstanceOf(Valid.class);
    assertThat(type).matches(EventFieldRules.TYPE_PATTERN);
  }

  @Test
  void acceptsAnEventTypeOf64Characters() {
    String body = batch(with("type", "\"" + "t".repeat(64) + "\""));

    assertThat(READER.read(bytes(body), NOW)).isInstanceOf(Valid.class);
  }

  @Test
  void queuesPayloadsExactlyAsSent() {
    String payload = "{ \"reading\": 1.50, \"tags\": [\"a\"], \"nested\": {\"x\": null} }";
    var result = (Valid) READER.read(bytes(batch(with("payload", payload))), NOW);

    var batch = new EventBatch("b1", "acme", "ns", NOW, result.events());
    byte[] encoded = EventBatchCodec.encode(batch);

    assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\"payload\":" + payload);
    assertThat(EventBatchCodec.decode(encoded)).isEqualTo(batch);
  }

  @Test
  void ignoresUnknownFieldsAndTakesANullPayloadAsEmpty() {
    String body =
        "{\"client\":{\"v\":[1,2]},\"events\":["
            + with("payload", "null").replace("{", "{\"extra\":[{}],")
            + "]}";

    var result = (Valid) READER.read(bytes(body), NOW);

    assertThat(result.events()).singleElement().satisfies(e -> assertThat(e.payload()).isEmpty());
  }

  @Test
  void aBatchTooLargeIsRefusedForItsSizeAlone() {
    String body = batch(event("e1"), event("e2"), event("e3"), "7", with("type", "\"X\""));

    var result = (Invalid) READER.read(bytes(body), NOW);

    assertThat(result.events()).isEqualTo(5);
    assertThat(result.errors()).extracting(FieldError::pointer).containsExactly("/events");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"events\":[{\"deviceId\":\"d1\",]}",
        "{\"events\":[42, {\"deviceId\": tru}]}",
        "{\"events\":[]} {}",
        "{\"events\":7",
        "\"unterminated"
      })
  void aBodyThatIsNotJsonIsMalformedEvenAfterInvalidEvents(String body) {
    assertThatThrownBy(() -> READER.read(bytes(body), NOW))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            problem -> {
              assertThat(problem.getStatusCode().value()).isEqualTo(400);
              assertThat(problem.getBody().getDetail()).contains("line 1, column ");
            });
  }

  private static Arguments rejected(String name, String body, String pointer, String detail) {
    return Arguments.of(name, body, new FieldError(pointer, detail));
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static String batch(String... events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }

  private static String event(String eventId) {
    return with("eventId", "\"" + eventId + "\"");
  }

  /** The good event with {@code field} set to {@code json}. */
  private static String with(String field, String json) {
    Map<String, String> fields = new LinkedHashMap<>(GOOD_FIELDS);
    fields.put(field, json);
    return object(fields);
  }

  /** The good event without {@code field}. */
  private static String without(String field) {
    Map<String, String> fields = new LinkedHashMap<>(GOOD_FIELDS);
    fields.remove(field);
    return object(fields);
  }

  private static String object(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(field -> "\"" + field.getKey() + "\":" + field.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }
}
