package io.stevedore.runtime.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.stevedore.contract.rules.Rule;
import io.stevedore.contract.rules.RuleParser;
import io.stevedore.runtime.event.DeviceEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule format's semantics, case by case: rules as stored (JSON), an event in, the result. */
class RuleEngineTest {
  private static final String DROP_HEARTBEAT = "{\"drop\":{\"types\":[\"heartbeat\"]}}";
  private static final String KEEP_LOCATION_TEMPERATURE =
      "{\"keep\":{\"types\":[\"location\",\"temperature\"]}}";
  private static final String RENAME_TEMP =
      "{\"rename\":{\"from\":\"temp\",\"to\":\"temperature\"}}";
  private static final String DEPOT =
      "{\"geofence\":{\"types\":[\"location\"],\"name\":\"depot\",\"latitude\":52.37,"
          + "\"longitude\":4.89,\"radiusMeters\":500,\"tag\":\"zone\"}}";
  private static final String HARBOUR =
      "{\"geofence\":{\"name\":\"harbour\",\"latitude\":51.95,\"longitude\":4.14,"
          + "\"radiusMeters\":2000,\"tag\":\"zone\"}}";

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, rules, event in, payload out (null = dropped)
        Arguments.of(
            "no rules keep everything", List.of(), event("x", Map.of("a", 1)), Map.of("a", 1)),
        Arguments.of(
            "drop removes listed type",
            List.of(DROP_HEARTBEAT),
            event("heartbeat", Map.of()),
            null),
        Arguments.of(
            "drop keeps other types",
            List.of(DROP_HEARTBEAT),
            event("location", Map.of()),
            Map.of()),
        Arguments.of(
            "keep keeps listed type",
            List.of(KEEP_LOCATION_TEMPERATURE),
            event("temperature", Map.of("c", 20)),
            Map.of("c", 20)),
        Arguments.of(
            "keep drops every other type",
            List.of(KEEP_LOCATION_TEMPERATURE),
            event("battery", Map.of()),
            null),
        Arguments.of(
            "rename moves the field",
            List.of(RENAME_TEMP),
            event("temperature", Map.of("temp", 21.5, "unit", "C")),
            Map.of("temperature", 21.5, "unit", "C")),
        Arguments.of(
            "rename without the field changes nothing",
            List.of(RENAME_TEMP),
            event("temperature", Map.of("unit", "C")),
            Map.of("unit", "C")),
        Arguments.of(
            "rename overwrites an existing target",
            List.of(RENAME_TEMP),
            event("temperature", Map.of("temp", 1, "temperature", 2)),
            Map.of("temperature", 1)),
        Arguments.of(
            "geofence tags a location inside the radius (~200 m)",
            List.of(DEPOT),
            event("location", Map.of("latitude", 52.3718, "longitude", 4.8900)),
            Map.of("latitude", 52.3718, "longitude", 4.8900, "zone", "depot")),
        Arguments.of(
            "geofence leaves a location outside the radius (~1.1 km)",
            List.of(DEPOT),
            event("location", Map.of("latitude", 52.38, "longitude", 4.89)),
            Map.of("latitude", 52.38, "longitude", 4.89)),
        Arguments.of(
            "geofence ignores types it does not list",
            List.of(DEPOT),
            event("temperature", Map.of("latitude", 52.37, "longitude", 4.89)),
            Map.of("latitude", 52.37, "longitude", 4.89)),
        Arguments.of(
            "geofence ignores events without numeric coordinates",
            List.of(DEPOT),
            event("location", Map.of("latitude", "52.37", "longitude", 4.89)),
            Map.of("latitude", "52.37", "longitude", 4.89)),
        Arguments.of(
            "geofence without types applies to every type",
            List.of(HARBOUR),
            event("stop", Map.of("latitude", 51.95, "longitude", 4.14)),
            Map.of("latitude", 51.95, "longitude", 4.14, "zone", "harbour")),
        Arguments.of(
            "rules apply in order: rename before keep-check and geofence",
            List.of(RENAME_TEMP, KEEP_LOCATION_TEMPERATURE, DEPOT),
            event("location", Map.of("latitude", 52.37, "longitude", 4.89, "temp", 3)),
            Map.of("latitude", 52.37, "longitude", 4.89, "temperature", 3, "zone", "depot")),
        Arguments.of(
            "a drop ends the chain",
            List.of(DROP_HEARTBEAT, RENAME_TEMP),
            event("heartbeat", Map.of("temp", 3)),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesRulesInOrder(
      String name, List<String> rules, DeviceEvent event, Map<String, Object> expectedPayload) {
    List<Rule> parsed = rules.stream().map(RuleParser::parse).toList();

    Optional<DeviceEvent> result = RuleEngine.apply(parsed, event);

    if (expectedPayload == null) {
      assertThat(result).isEmpty();
    } else {
      assertThat(result).isPresent();
      assertThat(result.get().payload()).containsExactlyInAnyOrderEntriesOf(expectedPayload);
      assertThat(result.get())
          .extracting(DeviceEvent::deviceId, DeviceEvent::eventId, DeviceEvent::timestamp)
          .containsExactly(event.deviceId(), event.eventId(), event.timestamp());
    }
  }

  @Test
  void neverChangesTheInputEvent() {
    Map<String, Object> payload = new LinkedHashMap<>(Map.of("temp", 3));
    DeviceEvent event = event("temperature", payload);

    RuleEngine.apply(List.of(RuleParser.parse(RENAME_TEMP)), event);

    assertThat(event.payload()).containsExactly(Map.entry("temp", 3));
  }

  @Test
  void geofenceDistanceIsHaversine() {
    var fence = (Rule.Geofence) RuleParser.parse(DEPOT);

    // One degree of latitude is ~111.2 km on the mean-radius sphere.
    assertThat(fence.distanceMeters(53.37, 4.89)).isBetween(111_100.0, 111_300.0);
    assertThat(fence.distanceMeters(52.37, 4.89)).isZero();
  }

  private static DeviceEvent event(String type, Map<String, Object> payload) {
    return new DeviceEvent(
        "dev-1", "e-1", Instant.parse("2026-01-02T03:04:05.678Z"), type, payload);
  }
}
