package io.stevedore.runtime.query;

import java.util.List;
import java.util.Map;

/**
 * One page of a device's stored events.
 *
 * @param events the events, oldest first
 * @param next cursor for the following page; null on the last page
 */
public record EventPage(List<StoredEvent> events, String next) {

  /** A stored record as dashboards see it. */
  public record StoredEvent(
      String deviceId,
      String eventId,
      String timestamp,
      String type,
      Map<String, Object> payload,
      String receivedAt) {}
}
