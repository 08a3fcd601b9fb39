package io.stevedore.runtime.worker.outage;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** A breaker's state as the worker reports it: the gauge value and the log line of a change. */
enum CircuitState {
  CLOSED(0, "closed", "%s is available again: circuit breaker closed, consumption resumes"),
  HALF_OPEN(1, "half_open", "%s may be back: circuit breaker half-open, probing"),
  OPEN(2, "open", "%s is unavailable: circuit breaker open, consumption paused");

  private final int value;
  private final String tag;
  private final String message;

  CircuitState(int value, String tag, String message) {
    this.value = value;
    this.tag = tag;
    this.message = message;
  }

  /** Resilience4j's states; the forced and disabled ones, which the worker never uses, as open. */
  static CircuitState of(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED, DISABLED, METRICS_ONLY -> CLOSED;
      case HALF_OPEN -> HALF_OPEN;
      case OPEN, FORCED_OPEN -> OPEN;
    };
  }

  int value() {
    return value;
  }

  String tag() {
    return tag;
  }

  String message(Dependency dependency) {
    return message.formatted(dependency.tag());
  }
}
