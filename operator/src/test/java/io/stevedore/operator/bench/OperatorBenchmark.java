package io.stevedore.operator.bench;

/** One operator benchmark: runs to completion and returns its `RESULT <name> ...` line. */
public interface OperatorBenchmark {
  String run() throws Exception;
}
