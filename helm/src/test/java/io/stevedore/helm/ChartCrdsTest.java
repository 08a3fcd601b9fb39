package io.stevedore.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart's crds/ must be an exact copy of the generated CRDs committed in the repository. */
class ChartCrdsTest {

  private static final String COPY_HINT = "copy them with: cp crds/*.yml helm/stevedore/crds/";

  @Test
  void repositoryHasGeneratedCrds() throws IOException {
    assertThat(crdFileNames(ChartPaths.repoCrds()))
        .as("generated CRDs in %s", ChartPaths.repoCrds())
        .isNotEmpty();
  }

  @Test
  void everyRepositoryCrdIsCopiedByteIdenticalIntoTheChart() throws IOException {
    for (String name : crdFileNames(ChartPaths.repoCrds())) {
      Path copy = ChartPaths.chartCrds().resolve(name);

      assertThat(copy).as("chart copy of %s; %s", name, COPY_HINT).isRegularFile();
      assertThat(copy)
          .as("chart copy of %s is stale; %s", name, COPY_HINT)
          .hasSameBinaryContentAs(ChartPaths.repoCrds().resolve(name));
    }
  }

  @Test
  void chartHoldsNoCrdThatTheRepositoryLacks() throws IOException {
    assertThat(crdFileNames(ChartPaths.chartCrds()))
        .as("CRDs in the chart but not in %s", ChartPaths.repoCrds())
        .isSubsetOf(crdFileNames(ChartPaths.repoCrds()));
  }

  /**
   * Top-level manifests only (the extensions Helm installs from crds/): crds/examples/ holds custom
   * resources, not definitions.
   */
  private static List<String> crdFileNames(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json"))
          .sorted()
          .toList();
    }
  }
}
