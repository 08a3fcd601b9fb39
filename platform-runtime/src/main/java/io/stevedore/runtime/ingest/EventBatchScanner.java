package io.stevedore.runtime.ingest;

import static io.stevedore.runtime.ingest.EncodedEventWriter.DEVICE_ID;
import static io.stevedore.runtime.ingest.EncodedEventWriter.EVENT_ID;
import static io.stevedore.runtime.ingest.EncodedEventWriter.PAYLOAD;
import static io.stevedore.runtime.ingest.EncodedEventWriter.TIMESTAMP;
import static io.stevedore.runtime.ingest.EncodedEventWriter.TYPE;

import io.stevedore.runtime.event.EncodedEvents;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The fast path of {@link EventBatchReader}: one pass over a body of the common shape that checks
 * it and writes its events straight into their queue form, building no objects per event. The
 * common shape is a batch every rule of {@link EventFieldRules} accepts, whose ids and type are
 * printable ASCII without escapes, whose payloads are ASCII JSON nested at most {@value #MAX_DEPTH}
 * deep, and whose keys appear once. Anything else, valid or not, is left to the reader, which
 * decides and explains: so both paths accept the same bodies and write the same bytes.
 */
final class EventBatchScanner {
  static final int MAX_DEPTH = 32;
  private static final int MAX_STRING_BYTES = 8 * 1024;

  /** The event's fields, in EncodedEventWriter's order. */
  private static final byte[][] FIELDS = {
    ascii("deviceId"), ascii("eventId"), ascii("timestamp"), ascii("type"), ascii("payload")
  };

  private static final int OTHER = -1;
  private static final byte[] EVENTS = ascii("events");

  /** What each byte may be inside a string: plain, its end, an escape, or not of the shape. */
  private static final byte PLAIN = 0;

  private static final byte QUOTE = 1;
  private static final byte BACKSLASH = 2;
  private static final byte NOT_COMMON = 3;
  private static final byte[] IN_STRING = new byte[256];

  static {
    for (int b = 0; b < 256; b++) {
      IN_STRING[b] = b < 0x20 || b >= 0x7f ? NOT_COMMON : PLAIN; // DEL and non-ASCII too
    }
    IN_STRING['"'] = QUOTE;
    IN_STRING['\\'] = BACKSLASH;
  }

  /** Leaves the fast path; carries no stack trace, as it is how most hostile bodies end here. */
  private static final class NotCommon extends RuntimeException {
    private static final NotCommon INSTANCE = new NotCommon();

    private NotCommon() {
      super(null, null, false, false);
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] in;
  private final int maxEvents;
  private final EventFieldRules rules;
  private final EncodedEventWriter out;
  private final SeenEvents seen;
  private final int[] from = new int[FIELDS.length];
  private final int[] to = new int[FIELDS.length];
  private int pos;

  private EventBatchScanner(byte[] in, int maxEvents, EventFieldRules rules) {
    this.in = in;
    this.maxEvents = maxEvents;
    this.rules = rules;
    this.out = new EncodedEventWriter(in, in.length + 256);
    this.seen = new SeenEvents(in, maxEvents);
  }

  /** The events of {@code body} in their queue form, or null when it is not of the common shape. */
  static EncodedEvents scan(byte[] body, int maxEvents, EventFieldRules rules) {
    try {
      return new EventBatchScanner(body, maxEvents, rules).batch();
    } catch (NotCommon | ArrayIndexOutOfBoundsException e) {
      return null; // the reader decides (an index past the end is a truncated body)
    }
  }

  private EncodedEvents batch() {
    whitespace();
    expect('{');
    int count = -1;
    do {
      whitespace();
      int keyFrom = pos + 1;
      int keyTo = plainString();
      whitespace();
      expect(':');
      whitespace();
      if (!same(keyFrom, keyTo, EVENTS)) {
        value(1);
      } else if (count < 0) {
        count = events();
      } else {
        throw NotCommon.INSTANCE;
      }
      whitespace();
    } while (next(','));
    expect('}');
    whitespace();
    if (count < 0 || pos != in.length) {
      throw NotCommon.INSTANCE;
    }
    return out.events(count);
  }

  private int events() {
    expect('[');
    out.put('[');
    int count = 0;
    do {
      whitespace();
      if (++count > maxEvents) {
        throw NotCommon.INSTANCE;
      }
      if (count > 1) {
        out.put(',');
      }
      event();
      whitespace();
    } while (next(','));
    expect(']');
    out.put(']');
    return count;
  }

  private void event() {
    expect('{');
    Arrays.fill(from, -1);
    do {
      whitespace();
      int field = field();
      whitespace();
      expect(':');
      whitespace();
      if (field == OTHER) {
        value(2);
      } else if (from[field] >= 0) {
        throw NotCommon.INSTANCE; // the reader takes the last of repeated keys
      } else if (field == PAYLOAD) {
        from[field] = pos;
        payload();
        to[field] = pos;
      } else {
        from[field] = pos + 1;
        to[field] = plainString();
      }
      whitespace();
    } while (next(','));
    expect('}');
    Instant timestamp = check();
    out.event(from, to, timestamp, from[PAYLOAD] < 0 || in[from[PAYLOAD]] == 'n');
  }

  /** The event's timestamp, once its fields pass the rules; otherwise the reader explains. */
  private Instant check() {
    if (from[DEVICE_ID] < 0 || from[EVENT_ID] < 0 || from[TIMESTAMP] < 0 || from[TYPE] < 0) {
      throw NotCommon.INSTANCE;
    }
    if (!isId(from[DEVICE_ID], to[DEVICE_ID])
        || !isId(from[EVENT_ID], to[EVENT_ID])
        || in[from[DEVICE_ID]] == '#'
        || !isEventType(from[TYPE], to[TYPE])
        || seen.addIfAbsent(from[DEVICE_ID], to[DEVICE_ID], from[EVENT_ID], to[EVENT_ID])) {
      throw NotCommon.INSTANCE;
    }
    Instant timestamp = IsoTimestamps.parseCommonShape(in, from[TIMESTAMP], to[TIMESTAMP]);
    if (timestamp == null
        || timestamp.isBefore(rules.oldest())
        || timestamp.isAfter(rules.newest())) {
      throw NotCommon.INSTANCE;
    }
    return timestamp;
  }

  /** Not blank (a plain string's only blank byte is a space), at most 128 characters. */
  private boolean isId(int from, int to) {
    if (to - from > EventFieldRules.MAX_ID_LENGTH) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (in[i] != ' ') {
        return true;
      }
    }
    return false;
  }

  private boolean isEventType(int from, int to) {
    if (to == from || to - from > 64 || in[from] < 'a' || in[from] > 'z') {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      byte c = in[i];
      boolean allowed =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private void payload() {
    if (in[pos] == 'n') {
      literal("null");
    } else if (in[pos] == '{') {
      value(3);
    } else {
      throw NotCommon.INSTANCE;
    }
  }

  /** Which of the event's fields the key at pos names, or OTHER. */
  private int field() {
    int from = pos + 1;
    int to = plainString();
    int field =
        switch (to - from) {
          case 8 -> DEVICE_ID;
          case 7 -> in[from] == 'e' ? EVENT_ID : PAYLOAD;
          case 9 -> TIMESTAMP;
          case 4 -> TYPE;
          default -> OTHER;
        };
    return field != OTHER && same(from, to, FIELDS[field]) ? field : OTHER;
  }

  /** Skips any JSON value (ASCII, escapes allowed) at {@code depth}. */
  private void value(int depth) {
    if (depth > MAX_DEPTH) {
      throw NotCommon.INSTANCE;
    }
    switch (in[pos]) {
      case '{' -> container('}', depth, true);
      case '[' -> container(']', depth, false);
      case '"' -> jsonString();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private void container(char close, int depth, boolean object) {
    pos++;
    whitespace();
    if (next(close)) {
      return;
    }
    do {
      whitespace();
      if (object) {
        jsonString();
        whitespace();
        expect(':');
        whitespace();
      }
      value(depth + 1);
      whitespace();
    } while (next(','));
    expect(close);
  }

  /** A string of printable ASCII without escapes; returns the index of its closing quote. */
  private int plainString() {
    expect('"');
    int limit = Math.min(in.length, pos + MAX_STRING_BYTES);
    int i = pos;
    while (i + Long.BYTES <= limit && PlainBytes.all((long) LONGS.get(in, i))) {
      i += Long.BYTES;
    }
    for (; i < limit; i++) {
      byte kind = IN_STRING[in[i] & 0xff];
      if (kind == QUOTE) {
        pos = i + 1;
        return i;
      }
      if (kind != PLAIN) {
        break;
      }
    }
    throw NotCommon.INSTANCE;
  }

  /** A JSON string of printable ASCII, with escapes. */
  private void jsonString() {
    expect('"');
    int limit = Math.min(in.length, pos + MAX_STRING_BYTES);
    while (pos < limit) {
      byte kind = IN_STRING[in[pos++] & 0xff];
      if (kind == QUOTE) {
        return;
      }
      if (kind == BACKSLASH) {
        escape();
      } else if (kind != PLAIN) {
        break;
      }
    }
    throw NotCommon.INSTANCE;
  }

  private void escape() {
    byte c = in[pos++];
    if (c == 'u') {
      for (int i = 0; i < 4; i++) {
        if (Character.digit(in[pos++], 16) < 0) {
          throw NotCommon.INSTANCE;
        }
      }
    } else if ("\"\\/bfnrt".indexOf(c) < 0) {
      throw NotCommon.INSTANCE;
    }
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, at most 100 characters. */
  private void number() {
    int start = pos;
    next('-');
    if (!next('0')) {
      digits();
    }
    if (next('.')) {
      digits();
    }
    if (next('e') || next('E')) {
      if (!next('+')) {
        next('-');
      }
      digits();
    }
    if (pos - start > 100) {
      throw NotCommon.INSTANCE;
    }
  }

  /** One or more digits. */
  private void digits() {
    int start = pos;
    while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
      pos++;
    }
    if (pos == start) {
      throw NotCommon.INSTANCE;
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      expect(word.charAt(i));
    }
  }

  private void whitespace() {
    while (pos < in.length) {
      byte c = in[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) {
    if (in[pos] != c) {
      throw NotCommon.INSTANCE;
    }
    pos++;
  }

  private boolean next(char c) {
    if (pos < in.length && in[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Whether {@code in[from, to)} holds {@code expected}; a loop, as the keys are short. */
  private boolean same(int from, int to, byte[] expected) {
    if (to - from != expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (in[from + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
