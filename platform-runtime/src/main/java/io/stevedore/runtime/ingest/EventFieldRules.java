package io.stevedore.runtime.ingest;

import io.stevedore.contract.RecordTable;
import io.stevedore.runtime.web.ApiProblem.FieldError;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The rules of an event's fields, given the accepted time window: `deviceId` and `eventId` are
 * required non-blank strings of at most 128 characters, and a `deviceId` does not start with the
 * platform's reserved {@code #}; `timestamp` is a required ISO-8601 date-time with offset within
 * [oldest, newest]; `type` is required and matches {@value #TYPE_PATTERN}; `payload` is optional,
 * and an object when present. Each rule adds what is wrong with a value to {@code errors}, with a
 * JSON pointer to it.
 *
 * @param oldest the oldest timestamp accepted (now - maxEventAge)
 * @param newest the newest timestamp accepted (now + maxClockSkew)
 */
record EventFieldRules(Instant oldest, Instant newest) {
  static final int MAX_ID_LENGTH = 128;
  static final String TYPE_PATTERN = "[a-z][a-z0-9_.-]{0,63}";

  /** Stands for a JSON value of the wrong type (a number where a string belongs, say). */
  static final Object WRONG_TYPE = new Object();

  /** Where an event is in the batch; its pointers are only built for errors. */
  record At(int index) {
    String pointer() {
      return "/events/" + index;
    }

    FieldError error(String field, String detail) {
      return new FieldError(pointer() + "/" + field, detail);
    }
  }

  String id(Object value, At at, String field, List<FieldError> errors) {
    String id = requiredString(value, at, field, errors);
    if (id == null) {
      return null;
    }
    if (id.isBlank()) {
      errors.add(at.error(field, "must not be blank"));
      return null;
    }
    if (id.length() > MAX_ID_LENGTH) {
      errors.add(at.error(field, "must be at most %d characters".formatted(MAX_ID_LENGTH)));
      return null;
    }
    return id;
  }

  String deviceId(Object value, At at, List<FieldError> errors) {
    String id = id(value, at, "deviceId", errors);
    if (id != null && RecordTable.reservedDevice(id)) {
      errors.add(
          at.error(
              "deviceId",
              "must not start with '%s' (reserved for the platform)"
                  .formatted(RecordTable.RESERVED_DEVICE_PREFIX)));
      return null;
    }
    return id;
  }

  Instant timestamp(Object value, At at, List<FieldError> errors) {
    String text = requiredString(value, at, "timestamp", errors);
    if (text == null) {
      return null;
    }
    Instant timestamp;
    try {
      timestamp = IsoTimestamps.parse(text);
    } catch (DateTimeException e) {
      errors.add(
          at.error(
              "timestamp", "must be an ISO-8601 date-time with offset, e.g. 2025-05-01T12:00:00Z"));
      return null;
    }
    if (timestamp.isBefore(oldest)) {
      errors.add(at.error("timestamp", "is older than " + oldest + ", the oldest accepted"));
      return null;
    }
    if (timestamp.isAfter(newest)) {
      errors.add(at.error("timestamp", "is after " + newest + ": check the device clock"));
      return null;
    }
    return timestamp;
  }

  String type(Object value, At at, List<FieldError> errors) {
    String type = requiredString(value, at, "type", errors);
    if (type != null && !isEventType(type)) {
      errors.add(at.error("type", "must match " + TYPE_PATTERN));
      return null;
    }
    return type;
  }

  Map<String, Object> payload(Object value, At at, List<FieldError> errors) {
    if (value == WRONG_TYPE) {
      errors.add(at.error("payload", "must be an object"));
      return null;
    }
    return value == null ? Map.of() : (RawJsonPayload) value;
  }

  /**
   * Whether {@code type} matches TYPE_PATTERN; by hand, as java.util.regex took a third of reading.
   */
  private static boolean isEventType(String type) {
    if (type.isEmpty() || type.length() > 64 || type.charAt(0) < 'a' || type.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < type.length(); i++) {
      char c = type.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private static String requiredString(Object value, At at, String field, List<FieldError> errors) {
    if (value == null) {
      errors.add(at.error(field, "is required"));
      return null;
    }
    if (value == WRONG_TYPE) {
      errors.add(at.error(field, "must be a string"));
      return null;
    }
    return (String) value;
  }
}
