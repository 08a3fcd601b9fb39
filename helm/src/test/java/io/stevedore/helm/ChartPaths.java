package io.stevedore.helm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the chart and the repository's CRDs from wherever the tests run (Maven uses helm/). */
final class ChartPaths {

  private static final Path CHART_IN_REPO = Paths.get("helm", "stevedore");

  private ChartPaths() {}

  /**
   * The repository root: the nearest directory, upwards from the working directory, holding the
   * chart.
   */
  static Path repoRoot() {
    Path start = Paths.get("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(CHART_IN_REPO).resolve("Chart.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("No " + CHART_IN_REPO + "/Chart.yaml above " + start);
  }

  static Path chart() {
    return repoRoot().resolve(CHART_IN_REPO);
  }

  static Path chartCrds() {
    return chart().resolve("crds");
  }

  static Path repoCrds() {
    return repoRoot().resolve("crds");
  }
}
