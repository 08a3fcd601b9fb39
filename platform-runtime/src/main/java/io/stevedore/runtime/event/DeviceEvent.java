package io.stevedore.runtime.event;

import java.time.Instant;
import java.util.Map;

/**
 * One event from a device agent.
 *
 * @param deviceId the device that produced it
 * @param eventId unique per device; what makes writes idempotent
 * @param timestamp when it happened, on the device's clock
 * @param type what kind of event, e.g. `location`, `temperature`
 * @param payload its data
 */
public record DeviceEvent(
    String deviceId, String eventId, Instant timestamp, String type, Map<String, Object> payload) {}
