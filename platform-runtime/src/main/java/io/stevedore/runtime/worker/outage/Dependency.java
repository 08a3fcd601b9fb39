package io.stevedore.runtime.worker.outage;

import java.util.Locale;

/** A store the worker writes every batch to; an outage of one pauses consumption. */
public enum Dependency {
  DYNAMODB,
  MYSQL;

  /** The name in metrics, logs and the inflight endpoint. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
