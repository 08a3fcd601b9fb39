package io.stevedore.runtime.bench;

/** A benchmark of the platform runtime: measures a baseline and the runtime in the same run. */
public interface Benchmark {

  /**
   * Runs the benchmark, printing progress as it goes.
   *
   * @return the last line it prints: `RESULT <name> <value> <unit> key=value ...`
   */
  String run() throws Exception;
}
