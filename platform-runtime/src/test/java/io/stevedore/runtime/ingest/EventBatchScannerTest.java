package io.stevedore.runtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stevedore.runtime.event.DeviceEvent;
import io.stevedore.runtime.event.EncodedEvents;
import io.stevedore.runtime.event.EventBatch;
import io.stevedore.runtime.event.EventBatchCodec;
import io.stevedore.runtime.ingest.EventBatchReader.Valid;
import io.stevedore.runtime.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast path never accepts what the reader would not, and queues exactly what the reader's
 * events would: checked on generated bodies, most near the common shape, many broken on purpose.
 */
class EventBatchScannerTest {
  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
  private static final int MAX_EVENTS = 4;
  private static final EventBatchReader READER =
      new EventBatchReader(MAX_EVENTS, Duration.ofDays(7), Duration.ofMinutes(5));
  private static final EventFieldRules RULES =
      new EventFieldRules(NOW.minus(Duration.ofDays(7)), NOW.plus(Duration.ofMinutes(5)));

  @Property(tries = 1500)
  void acceptsOnlyWhatTheReaderAcceptsAndQueuesTheSameBytes(@ForAll long seed) {
    String body = new Bodies(new Random(seed)).body();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    EncodedEvents fast = EventBatchScanner.scan(bytes, MAX_EVENTS, RULES);

    EventBatchReader.Result slow;
    try {
      slow = READER.readStreaming(bytes, RULES);
    } catch (ApiProblem notJson) {
      slow = null;
    }
    Statistics.label("path")
        .collect(fast != null ? "fast" : slow instanceof Valid ? "reader only" : "refused");
    Statistics.label("path").coverage(coverage -> coverage.check("fast").percentage(p -> p >= 20));
    if (fast != null) {
      assertThat(slow).as(body).isInstanceOf(Valid.class);
      assertThat(queued(fast)).as(body).isEqualTo(queued(((Valid) slow).events()));
    }
  }

  @Test
  void takesTheBatchesAgentsSendAndDecodesThemToTheSameEvents() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("lat", 52.37);
    payload.put("firmware", "2.4.1");
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(
          Map.of(
              "deviceId",
              "tracker-" + i,
              "eventId",
              "e-" + i,
              "timestamp",
              NOW.minusSeconds(i).toString(),
              "type",
              "location",
              "payload",
              payload));
    }
    byte[] body = JsonMapper.shared().writeValueAsBytes(Map.of("events", events));

    EncodedEvents fast = EventBatchScanner.scan(body, MAX_EVENTS, RULES);

    assertThat(fast).isNotNull().hasSize(3);
    assertThat(fast.get(2))
        .isEqualTo(new DeviceEvent("tracker-2", "e-2", NOW.minusSeconds(2), "location", payload));
    assertThat(queued(fast))
        .isEqualTo(queued(((Valid) READER.readStreaming(body, RULES)).events()));
  }

  @Test
  void leavesDeepNestingToTheReader() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    byte[] body =
        ("{\"events\":[{\"deviceId\":\"d\",\"eventId\":\"e\",\"timestamp\":\"2025-05-01T12:00:00Z\","
                + "\"type\":\"t\",\"payload\":{\"a\":"
                + deep
                + "}}]}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(EventBatchScanner.scan(body, MAX_EVENTS, RULES)).isNull();
    assertThatThrownBy(() -> READER.read(body, NOW))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            problem -> assertThat(problem.getStatusCode().value()).isEqualTo(400));
  }

  private static String queued(List<DeviceEvent> events) {
    var batch = new EventBatch("b", "acme", "ns", NOW, events);
    return new String(EventBatchCodec.encode(batch), StandardCharsets.UTF_8);
  }

  /** Random bodies near the common shape: each part is usually right, sometimes subtly not. */
  private static final class Bodies {
    private static final String[] SPACES = {"", "", "", "", "", "", " ", "\n  ", "\t", "\r\n"};
    private static final String ODD_CHARS = " #\"\\/<>'é\u0001\u007f\u2028😀";
    private final Random random;

    Bodies(Random random) {
      this.random = random;
    }

    String body() {
      List<String> events = new ArrayList<>();
      int count = random.nextInt(10) == 0 ? random.nextInt(7) : 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        events.add(event(i));
      }
      List<String> members = new ArrayList<>();
      members.add(json("events") + ws() + ":" + ws() + array(events));
      if (rarely()) {
        members.add(json(rarely() ? "events" : "client") + ":" + value(0));
      }
      if (rarely()) {
        Collections.shuffle(members, random);
      }
      return mutate(ws() + object(members) + ws());
    }

    private String event(int index) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("deviceId", usually() ? json(pick("d1", "d2", "tracker-7")) : id());
      fields.put("eventId", usually() ? json("e-" + index) : rarely() ? id() : json("e-0"));
      fields.put("timestamp", usually() ? json(timestamp()) : pick("null", "7", json("today")));
      fields.put("type", usually() ? json(pick("location", "door.open")) : type());
      fields.put("payload", usually() ? object(1) : pick("null", "[1]", "7", "{}"));
      List<String> members = new ArrayList<>();
      fields.forEach(
          (name, value) -> {
            if (usually()) {
              members.add(json(name) + ws() + ":" + ws() + value);
            }
          });
      if (rarely()) {
        members.add(json(pick("extra", "deviceId", "payload")) + ":" + value(2));
      }
      Collections.shuffle(members, random);
      return object(members);
    }

    private String id() {
      return switch (random.nextInt(6)) {
        case 0 -> json("");
        case 1 -> json("x".repeat(127 + random.nextInt(3)));
        case 2 -> json("#" + random.nextInt(3));
        case 3 -> "7";
        default -> json(text(ODD_CHARS, 1 + random.nextInt(4)));
      };
    }

    private String type() {
      return json(pick("a", "Location", "1st", "z0.-_", "t".repeat(64), "t".repeat(65), "", "a b"));
    }

    private String timestamp() {
      Instant at = NOW.plus(Duration.ofMinutes(-5)).plusNanos(pick(0L, 500_000_000L, 120_000L, 7L));
      if (!usually()) {
        at =
            NOW.plus(
                pick(
                    Duration.ofDays(-7),
                    Duration.ofDays(-7).minusNanos(1),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(5).plusMillis(1)));
      }
      String text = at.toString();
      return switch (usually() ? 0 : random.nextInt(7)) {
        case 1 -> text.replace('T', 't').replace('Z', 'z');
        case 2 -> text.replace("Z", "+00:00");
        case 3 -> text.contains(".") ? text : text.replace("Z", ".5Z");
        case 4 -> text.replace("Z", "");
        case 5 -> text.substring(0, 16) + "Z";
        case 6 -> text.replace("Z", "-09:30");
        default -> text;
      };
    }

    /** A JSON value, mostly objects and numbers, up to a few levels deep. */
    private String value(int depth) {
      int kind = depth > 3 ? 2 + random.nextInt(5) : random.nextInt(7);
      return switch (kind) {
        case 0 -> object(depth);
        case 1 -> {
          List<String> items = new ArrayList<>();
          for (int i = random.nextInt(3); i > 0; i--) {
            items.add(value(depth + 1));
          }
          yield array(items);
        }
        case 2 -> pick("1.50", "-0", "1e5", "2E-3", "0.0", "123456789012345678901234567890");
        case 3 -> rarely() ? pick("01", "1.", ".5", "+1", "-", "1e", "NaN", "0x1F") : "42";
        case 4 -> pick("true", "false", "null", rarely() ? pick("tru", "nul", "True") : "null");
        case 5 -> rarely() ? pick("\"\\x\"", "\"\\u12G4\"", "\"\t\"") : json("2.4.1");
        default -> json(text(ODD_CHARS + "abc", random.nextInt(5)));
      };
    }

    private String object(int depth) {
      List<String> members = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        members.add(
            json(text("abc", 1 + random.nextInt(2))) + ws() + ":" + ws() + value(depth + 1));
      }
      return object(members);
    }

    /** Truncates, duplicates or drops a character now and then. */
    private String mutate(String body) {
      if (usually() || body.isEmpty()) {
        return body;
      }
      int at = random.nextInt(body.length());
      return switch (random.nextInt(3)) {
        case 0 -> body.substring(0, at);
        case 1 -> body.substring(0, at) + body.charAt(at) + body.substring(at);
        default -> body.substring(0, at) + body.substring(at + 1);
      };
    }

    /** A JSON string of {@code text}, with escapes Jackson would use, or others now and then. */
    private String json(String text) {
      StringBuilder json = new StringBuilder("\"");
      text.chars()
          .forEach(
              c -> {
                if (c == '"' || c == '\\') {
                  json.append('\\').append((char) c);
                } else if (c < 0x20 || random.nextInt(500) == 0) {
                  json.append(String.format("\\u%04x", c));
                } else {
                  json.append((char) c);
                }
              });
      return json.append('"').toString();
    }

    private String object(List<String> members) {
      return "{" + ws() + String.join(ws() + "," + ws(), members) + ws() + "}";
    }

    private String array(List<String> items) {
      return "[" + ws() + String.join(ws() + "," + ws(), items) + ws() + "]";
    }

    private String text(String chars, int length) {
      StringBuilder text = new StringBuilder();
      int[] codePoints = chars.codePoints().toArray();
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      return text.toString();
    }

    private String ws() {
      return pick(SPACES);
    }

    private boolean usually() {
      return random.nextInt(100) < 97;
    }

    private boolean rarely() {
      return random.nextInt(10) == 0;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
      return choices[random.nextInt(choices.length)];
    }
  }
}
