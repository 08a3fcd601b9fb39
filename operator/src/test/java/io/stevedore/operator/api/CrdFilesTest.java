package io.stevedore.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed CRDs (crds/ and the chart's copy) are exactly what the API classes generate. Run
 * `./stevedore crds` to regenerate them after changing the classes.
 */
class CrdFilesTest {
  private static final String REGENERATE = "regenerate with ./stevedore crds";
  private static CrdFiles.Generated generated;

  @BeforeAll
  static void generate() throws IOException {
    generated = CrdFiles.generate();
    if (Boolean.getBoolean("stevedore.crds.write")) {
      for (Path dir : new Path[] {CrdFiles.CRDS, CrdFiles.CHART_CRDS}) {
        Files.createDirectories(dir);
        for (var file : generated.files().entrySet()) {
          Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
      }
    }
  }

  @Test
  void generatesOneCrdPerKind() {
    assertThat(generated.files().keySet())
        .containsExactlyInAnyOrder(
            "environments.stevedore.io-v1.yml",
            "promotions.stevedore.io-v1.yml",
            "tenants.stevedore.io-v1.yml",
            "workerpools.stevedore.io-v1.yml");
  }

  @Test
  void everyApiFieldHasJavadocThatBecomesItsDescription() {
    assertThat(generated.undocumented()).as("API fields without Javadoc").isEmpty();
    var crd =
        Serialization.unmarshal(
            generated.files().get("tenants.stevedore.io-v1.yml"), CustomResourceDefinition.class);
    var spec =
        crd.getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("spec");
    assertThat(spec.getProperties().get("environment").getDescription())
        .isEqualTo("Name of the Environment (same namespace) the tenant belongs to.");
  }

  @Test
  void committedCrdsMatchTheApiClasses() throws IOException {
    for (var file : generated.files().entrySet()) {
      Path committed = CrdFiles.CRDS.resolve(file.getKey());
      assertThat(committed).as("%s is missing; %s", committed, REGENERATE).exists();
      assertThat(Files.readString(committed))
          .as("%s differs from the API classes; %s", committed, REGENERATE)
          .isEqualTo(file.getValue());
    }
  }

  @Test
  void chartCrdsAreACopyOfTheCommittedOnes() throws IOException {
    for (var file : generated.files().entrySet()) {
      Path copy = CrdFiles.CHART_CRDS.resolve(file.getKey());
      assertThat(copy).as("%s is missing; %s", copy, REGENERATE).exists();
      assertThat(Files.readString(copy))
          .as("%s is stale; %s", copy, REGENERATE)
          .isEqualTo(file.getValue());
    }
  }

  @Test
  void noStaleCrdFilesRemain() throws IOException {
    try (Stream<Path> files = Files.list(CrdFiles.CRDS)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .as("files in crds/ that no API class generates; " + REGENERATE)
          .containsExactlyInAnyOrderElementsOf(generated.files().keySet());
    }
  }
}
