package io.stevedore.runtime.event;

import java.time.Instant;
import java.util.List;

/**
 * The events of one accepted ingest request: the unit that travels through the tenant's queue.
 *
 * @param batchId unique id, the key of the batch's processing-log row
 * @param tenant the tenant's name
 * @param namespace the tenant's namespace
 * @param receivedAt when ingest accepted it
 * @param events the events, validated
 */
public record EventBatch(
    String batchId,
    String tenant,
    String namespace,
    Instant receivedAt,
    List<DeviceEvent> events) {}
