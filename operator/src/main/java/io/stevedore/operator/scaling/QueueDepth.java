package io.stevedore.operator.scaling;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a broker told about a pool's queues, summed over them; what it could not tell is empty.
 *
 * @param note what was unavailable, e.g. the management API; empty when everything answered
 */
public record QueueDepth(
    int queues,
    long ready,
    OptionalLong unacked,
    OptionalLong delayed,
    OptionalInt consumers,
    OptionalDouble publishRate,
    OptionalDouble ackRate,
    String note) {}
