package io.stevedore.runtime.ingest;

import io.stevedore.runtime.event.EncodedEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes events in their queue form, exactly as DeviceEventList does, copying ids, type, payload
 * and timestamps already in Instant's form from the request's bytes as they came (EventBatchScanner
 * checked they need no escaping).
 */
final class EncodedEventWriter {
  /** Where each field is in the ranges passed to {@link #event}. */
  static final int DEVICE_ID = 0;

  static final int EVENT_ID = 1;
  static final int TIMESTAMP = 2;
  static final int TYPE = 3;
  static final int PAYLOAD = 4;

  private static final byte[] DEVICE_ID_NAME = ascii("{\"deviceId\":\"");
  private static final byte[] EVENT_ID_NAME = ascii("\",\"eventId\":\"");
  private static final byte[] TIMESTAMP_NAME = ascii("\",\"timestamp\":\"");
  private static final byte[] TYPE_NAME = ascii("\",\"type\":\"");
  private static final byte[] PAYLOAD_NAME = ascii("\",\"payload\":");
  private static final byte[] EMPTY_PAYLOAD = ascii("{}");

  private final byte[] in;
  private byte[] bytes;
  private int length;

  /**
   * @param in the request's bytes
   * @param capacity how many bytes to expect
   */
  EncodedEventWriter(byte[] in, int capacity) {
    this.in = in;
    this.bytes = new byte[capacity];
  }

  /**
   * Writes one event: fields from {@code from[f]} to {@code to[f]} in the request (the contents of
   * the strings; the payload object, or none when {@code noPayload}), the timestamp as an instant.
   */
  void event(int[] from, int[] to, Instant timestamp, boolean noPayload) {
    put(DEVICE_ID_NAME, 0, DEVICE_ID_NAME.length);
    put(in, from[DEVICE_ID], to[DEVICE_ID]);
    put(EVENT_ID_NAME, 0, EVENT_ID_NAME.length);
    put(in, from[EVENT_ID], to[EVENT_ID]);
    put(TIMESTAMP_NAME, 0, TIMESTAMP_NAME.length);
    if (IsoTimestamps.isFormatted(in, from[TIMESTAMP], to[TIMESTAMP], timestamp)) {
      put(in, from[TIMESTAMP], to[TIMESTAMP]);
    } else {
      room(IsoTimestamps.MAX_FORMATTED_LENGTH);
      length = IsoTimestamps.format(timestamp, bytes, length);
    }
    put(TYPE_NAME, 0, TYPE_NAME.length);
    put(in, from[TYPE], to[TYPE]);
    put(PAYLOAD_NAME, 0, PAYLOAD_NAME.length);
    if (noPayload) {
      put(EMPTY_PAYLOAD, 0, EMPTY_PAYLOAD.length);
    } else {
      put(in, from[PAYLOAD], to[PAYLOAD]);
    }
    put('}');
  }

  void put(char c) {
    room(1);
    bytes[length++] = (byte) c;
  }

  private void put(byte[] source, int from, int to) {
    room(to - from);
    System.arraycopy(source, from, bytes, length, to - from);
    length += to - from;
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  /** The {@code count} events written. */
  EncodedEvents events(int count) {
    return new EncodedEvents(bytes, length, count);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
