package io.stevedore.runtime.config;

import java.util.Locale;

/** What this instance does: ingest (HTTP in, broker out) or worker (broker in, storage out). */
public enum Role {
  INGEST,
  WORKER;

  /** The value as written in configuration and reported by actuator: "ingest" or "worker". */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
