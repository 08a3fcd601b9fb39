package io.stevedore.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The calls the operator made in its tests on the embedded API, as its OperatorHarness wrote them
 * to operator/target/api-calls/ (one file per test class; lines of {@code mode verb group resource
 * scope}, tab-separated). The helm module builds after the operator, so `./mvnw verify` has them.
 */
final class RecordedOperatorCalls {
  /** The operator watched all namespaces. */
  static final String ALL_NAMESPACES = "all-namespaces";

  /** The operator watched only the test's namespaces (the chart's watchNamespaces). */
  static final String WATCHED_NAMESPACES = "watched-namespaces";

  /**
   * One recorded call: the mode the operator ran in, and where the call went: {@code cluster},
   * {@code watched} (a namespace of the custom resources), {@code operator} (the operator's own
   * namespace) or {@code other} (a namespace the operator made, a tenant's own).
   */
  record Recorded(String mode, String verb, String group, String resource, String scope) {}

  private RecordedOperatorCalls() {}

  static Path directory() {
    return ChartPaths.repoRoot().resolve("operator").resolve("target").resolve("api-calls");
  }

  /** Every recorded call; fails when there is no recording, as the chart cannot be checked then. */
  static List<Recorded> all() {
    Path directory = directory();
    if (!Files.isDirectory(directory)) {
      throw new IllegalStateException(
          "No recording of the operator's API calls in "
              + directory
              + ": run the operator's tests first (./mvnw verify builds the operator before helm)");
    }
    List<Recorded> calls = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank()) {
            calls.add(parse(file, line));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (calls.isEmpty()) {
      throw new IllegalStateException("The recording in " + directory + " holds no call");
    }
    return calls;
  }

  private static Recorded parse(Path file, String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 5) {
      throw new IllegalStateException("Not a recorded call in " + file + ": " + line);
    }
    return new Recorded(fields[0], fields[1], fields[2], fields[3], fields[4]);
  }
}
