package io.stevedore.runtime.query;

import java.util.List;
import java.util.Map;

/**
 * A tenant's stored events per minute and type, in columns as charts take them.
 *
 * @param from the first minute (ISO-8601)
 * @param to the end of the range, exclusive
 * @param minutes the start of each minute, epoch seconds, oldest first
 * @param counts per type, the events of each minute (same length as {@code minutes})
 */
public record EventCounts(
    String from, String to, List<Long> minutes, Map<String, List<Long>> counts) {}
