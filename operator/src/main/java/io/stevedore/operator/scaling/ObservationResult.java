package io.stevedore.operator.scaling;

/**
 * The outcome of observing a pool's queues: an {@link Observation} or an {@link
 * ObservationFailure}.
 */
public sealed interface ObservationResult permits Observation, ObservationFailure {}
